package dev.arbor.sdk.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One chat message of an LLM call, recorded as OpenInference {@code llm.input_messages.N.message.*} or
 * {@code llm.output_messages.N.message.*}.
 *
 * <pre>{@code
 * Message.system("You sort support tickets.");
 * Message.user("Ticket 4711: the export hangs");
 * Message.assistant("").withToolCalls(List.of(ToolCall.of("call_1", "lookup", "{\"id\":4711}")));
 * Message.tool("call_1", "{\"status\":\"open\"}");
 * }</pre>
 */
public final class Message {
  private final String role;
  private final String content;
  private final String name;
  private final String toolCallId;
  private final List<ToolCall> toolCalls;
  private final List<String> imageUrls;

  private Message(String role, String content, String name, String toolCallId, List<ToolCall> toolCalls,
      List<String> imageUrls) {
    this.role = role == null ? "unknown" : role;
    this.content = content;
    this.name = name;
    this.toolCallId = toolCallId;
    this.toolCalls = copy(toolCalls);
    this.imageUrls = copy(imageUrls);
  }

  /** An unmodifiable copy without nulls; no copy at all for the usual empty list. */
  private static <T> List<T> copy(List<T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    List<T> kept = new ArrayList<>(list.size());
    for (T item : list) {
      if (item != null) kept.add(item);
    }
    return Collections.unmodifiableList(kept);
  }

  /** A message with any role ({@code system}, {@code user}, {@code assistant}, {@code tool}, …). */
  public static Message of(String role, String content) {
    return new Message(role, content, null, null, List.of(), List.of());
  }

  public static Message system(String content) {
    return of("system", content);
  }

  public static Message user(String content) {
    return of("user", content);
  }

  public static Message assistant(String content) {
    return of("assistant", content);
  }

  /** The result of a tool call, answering the call with {@code toolCallId}. */
  public static Message tool(String toolCallId, String content) {
    return new Message("tool", content, null, toolCallId, List.of(), List.of());
  }

  public Message withName(String name) {
    return new Message(role, content, name, toolCallId, toolCalls, imageUrls);
  }

  public Message withToolCalls(List<ToolCall> calls) {
    return new Message(role, content, name, toolCallId, calls, imageUrls);
  }

  /** Adds image parts (http(s) or data: URLs) after the text content. */
  public Message withImageUrls(List<String> urls) {
    return new Message(role, content, name, toolCallId, toolCalls, urls);
  }

  public String role() {
    return role;
  }

  public String content() {
    return content;
  }

  public String name() {
    return name;
  }

  public String toolCallId() {
    return toolCallId;
  }

  public List<ToolCall> toolCalls() {
    return toolCalls;
  }

  public List<String> imageUrls() {
    return imageUrls;
  }
}

package dev.arbor.sdk.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Writes messages as OpenInference's flattened keys: {@code <prefix>N.message.role}, {@code .content} … The keys
 * of the first messages are built once, so writing a conversation costs the application's thread no string
 * building beyond what OpenTelemetry itself does.
 */
final class MessageAttributes {
  private static final int CACHED = 32;
  private static final Keys[] INPUT = keys("llm.input_messages.");
  private static final Keys[] OUTPUT = keys("llm.output_messages.");

  private MessageAttributes() {}

  static void writeInput(Span span, List<Message> messages) {
    write(span, INPUT, "llm.input_messages.", messages);
  }

  static void writeOutput(Span span, List<Message> messages) {
    write(span, OUTPUT, "llm.output_messages.", messages);
  }

  private static void write(Span span, Keys[] cached, String prefix, List<Message> messages) {
    if (messages == null) {
      return;
    }
    int index = 0;
    for (Message m : messages) {
      if (m == null) continue;
      Keys k = index < CACHED ? cached[index] : new Keys(prefix + index + ".message.");
      index++;
      span.setAttribute(k.role, m.role());
      if (m.imageUrls().isEmpty()) {
        if (m.content() != null) span.setAttribute(k.content, m.content());
      } else {
        int part = 0;
        if (m.content() != null) {
          String c = k.prefix + "contents." + part++ + ".message_content.";
          span.setAttribute(c + "type", "text");
          span.setAttribute(c + "text", m.content());
        }
        for (String url : m.imageUrls()) {
          String c = k.prefix + "contents." + part++ + ".message_content.";
          span.setAttribute(c + "type", "image");
          span.setAttribute(c + "image.image.url", url);
        }
      }
      if (m.name() != null) span.setAttribute(k.name, m.name());
      if (m.toolCallId() != null) span.setAttribute(k.toolCallId, m.toolCallId());
      List<ToolCall> calls = m.toolCalls();
      for (int i = 0; i < calls.size(); i++) {
        ToolCall call = calls.get(i);
        String t = k.prefix + "tool_calls." + i + ".tool_call.";
        if (call.id() != null) span.setAttribute(t + "id", call.id());
        if (call.name() != null) span.setAttribute(t + "function.name", call.name());
        if (call.argumentsJson() != null) span.setAttribute(t + "function.arguments", call.argumentsJson());
      }
    }
  }

  private static Keys[] keys(String prefix) {
    Keys[] keys = new Keys[CACHED];
    for (int i = 0; i < CACHED; i++) {
      keys[i] = new Keys(prefix + i + ".message.");
    }
    return keys;
  }

  /** The keys of one message position. */
  private static final class Keys {
    final String prefix;
    final AttributeKey<String> role;
    final AttributeKey<String> content;
    final AttributeKey<String> name;
    final AttributeKey<String> toolCallId;

    Keys(String prefix) {
      this.prefix = prefix;
      this.role = AttributeKey.stringKey(prefix + "role");
      this.content = AttributeKey.stringKey(prefix + "content");
      this.name = AttributeKey.stringKey(prefix + "name");
      this.toolCallId = AttributeKey.stringKey(prefix + "tool_call_id");
    }
  }
}

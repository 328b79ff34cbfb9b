package dev.arbor.model;

import java.util.List;

/**
 * One chat message sent to or received from a model. {@code toolCallId} is set on tool results;
 * {@code toolCalls} on assistant messages that ask for tools.
 */
public record Message(String role, String content, String name, String toolCallId, List<ToolCall> toolCalls) {
  public Message {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static Message of(String role, String content) {
    return new Message(role, content, null, null, List.of());
  }
}

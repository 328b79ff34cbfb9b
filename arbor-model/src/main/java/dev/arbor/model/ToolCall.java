package dev.arbor.model;

/** A tool call requested by a model: the call id (may be {@code null}), the function and its JSON arguments. */
public record ToolCall(String id, String name, String arguments) {
  public static ToolCall of(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments);
  }
}

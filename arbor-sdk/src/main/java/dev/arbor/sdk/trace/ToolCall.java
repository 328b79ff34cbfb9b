package dev.arbor.sdk.trace;

/**
 * A function call an LLM asked for: {@code message.tool_calls.N.tool_call.*}. {@code argumentsJson} is the
 * arguments exactly as the model produced them (a JSON object as text).
 */
public record ToolCall(String id, String name, String argumentsJson) {
  public static ToolCall of(String id, String name, String argumentsJson) {
    return new ToolCall(id, name, argumentsJson);
  }
}

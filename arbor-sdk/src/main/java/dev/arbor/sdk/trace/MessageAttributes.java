package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import java.util.List;

/** Writes messages as OpenInference's flattened keys: {@code <prefix>N.message.role}, {@code .content} … */
final class MessageAttributes {
  private MessageAttributes() {}

  static void write(Span span, String prefix, List<Message> messages) {
    if (messages == null) {
      return;
    }
    int index = 0;
    for (Message m : messages) {
      if (m == null) continue;
      String p = prefix + index++ + ".message.";
      span.setAttribute(p + "role", m.role());
      if (m.imageUrls().isEmpty()) {
        if (m.content() != null) span.setAttribute(p + "content", m.content());
      } else {
        int part = 0;
        if (m.content() != null) {
          String c = p + "contents." + part++ + ".message_content.";
          span.setAttribute(c + "type", "text");
          span.setAttribute(c + "text", m.content());
        }
        for (String url : m.imageUrls()) {
          String c = p + "contents." + part++ + ".message_content.";
          span.setAttribute(c + "type", "image");
          span.setAttribute(c + "image.image.url", url);
        }
      }
      if (m.name() != null) span.setAttribute(p + "name", m.name());
      if (m.toolCallId() != null) span.setAttribute(p + "tool_call_id", m.toolCallId());
      List<ToolCall> calls = m.toolCalls();
      for (int i = 0; i < calls.size(); i++) {
        ToolCall call = calls.get(i);
        String t = p + "tool_calls." + i + ".tool_call.";
        if (call.id() != null) span.setAttribute(t + "id", call.id());
        if (call.name() != null) span.setAttribute(t + "function.name", call.name());
        if (call.argumentsJson() != null) span.setAttribute(t + "function.arguments", call.argumentsJson());
      }
    }
  }
}

package dev.arbor.model.normalize;

import static dev.arbor.model.Attributes.number;
import static dev.arbor.model.Attributes.string;

import dev.arbor.model.Document;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.SpanKind;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** OpenInference: {@code openinference.span.kind}, {@code llm.*}, {@code input.value}, {@code retrieval.*} … */
final class OpenInferenceConvention implements Convention {

  @Override
  public void apply(String spanName, Map<String, Object> a, LlmFields.Builder f) {
    f.spanKindIfAbsent(SpanKind.parse(string(a, "openinference.span.kind")));
    f.modelNameIfAbsent(string(a, "llm.model_name"));
    f.modelNameIfAbsent(string(a, "embedding.model_name"));
    f.providerIfAbsent(string(a, "llm.provider"));
    f.providerIfAbsent(string(a, "llm.system"));
    f.tokensIfAbsent(new TokenCounts(
        number(a, "llm.token_count.prompt"),
        number(a, "llm.token_count.completion"),
        number(a, "llm.token_count.total"),
        number(a, "llm.token_count.prompt_details.cache_read"),
        number(a, "llm.token_count.prompt_details.cache_write"),
        number(a, "llm.token_count.completion_details.reasoning"),
        number(a, "llm.token_count.prompt_details.audio"),
        number(a, "llm.token_count.completion_details.audio")));
    f.inputIfAbsent(string(a, "input.value"), string(a, "input.mime_type"));
    f.outputIfAbsent(string(a, "output.value"), string(a, "output.mime_type"));
    f.inputMessagesIfAbsent(messages(a, "llm.input_messages"));
    f.outputMessagesIfAbsent(messages(a, "llm.output_messages"));
    f.documentsIfAbsent(documents(a));
    f.sessionIdIfAbsent(string(a, "session.id"));
    f.userIdIfAbsent(string(a, "user.id"));
    f.metadataIfAbsent(JsonText.jsonOf(a.get("metadata")));
    f.tagsIfAbsent(JsonText.strings(a.get("tag.tags")));
    f.invocationParametersIfAbsent(JsonText.jsonOf(a.get("llm.invocation_parameters")));
  }

  static List<Message> messages(Map<String, Object> a, String prefix) {
    List<Message> messages = new ArrayList<>();
    for (Map<String, Object> m : Indexed.elements(a, prefix)) {
      String content = string(m, "message.content");
      if (content == null) {
        content = contents(m);
      }
      List<ToolCall> calls = new ArrayList<>();
      for (Map<String, Object> c : Indexed.elements(m, "message.tool_calls")) {
        calls.add(ToolCall.of(string(c, "tool_call.id"), string(c, "tool_call.function.name"),
            string(c, "tool_call.function.arguments")));
      }
      messages.add(new Message(string(m, "message.role"), content, string(m, "message.name"),
          string(m, "message.tool_call_id"), calls));
    }
    return messages;
  }

  /** Multi-part content ({@code message.contents.N.message_content.text}) joined into one text. */
  private static String contents(Map<String, Object> m) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> part : Indexed.elements(m, "message.contents")) {
      String piece = string(part, "message_content.text");
      if (piece == null) {
        piece = string(part, "message_content.image.image.url");
      }
      if (piece != null) {
        if (!text.isEmpty()) text.append('\n');
        text.append(piece);
      }
    }
    return text.isEmpty() ? null : text.toString();
  }

  private static List<Document> documents(Map<String, Object> a) {
    List<Document> documents = new ArrayList<>();
    for (Map<String, Object> d : Indexed.elements(a, "retrieval.documents")) {
      Object score = d.get("document.score");
      Double value = score instanceof Number n ? n.doubleValue() : null;
      documents.add(Document.of(string(d, "document.id"), string(d, "document.content"), value,
          JsonText.jsonOf(d.get("document.metadata"))));
    }
    return documents;
  }
}

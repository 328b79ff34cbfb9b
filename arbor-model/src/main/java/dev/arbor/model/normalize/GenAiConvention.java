package dev.arbor.model.normalize;

import static dev.arbor.model.Attributes.number;
import static dev.arbor.model.Attributes.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.SpanKind;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry GenAI ({@code gen_ai.*}): the current keys (input/output tokens, provider name, JSON
 * messages) and the older ones (prompt/completion tokens, {@code gen_ai.system}, indexed
 * {@code gen_ai.prompt.N.*} messages).
 */
final class GenAiConvention implements Convention {
  private static final Map<String, SpanKind> OPERATION_KINDS = Map.ofEntries(
      Map.entry("chat", SpanKind.LLM),
      Map.entry("text_completion", SpanKind.LLM),
      Map.entry("generate_content", SpanKind.LLM),
      Map.entry("completion", SpanKind.LLM),
      Map.entry("embeddings", SpanKind.EMBEDDING),
      Map.entry("execute_tool", SpanKind.TOOL),
      Map.entry("invoke_agent", SpanKind.AGENT),
      Map.entry("create_agent", SpanKind.AGENT));

  @Override
  public void apply(String spanName, Map<String, Object> a, LlmFields.Builder f) {
    String operation = string(a, "gen_ai.operation.name");
    if (operation != null) {
      f.spanKindIfAbsent(OPERATION_KINDS.get(operation));
    } else if (a.containsKey("gen_ai.request.model") || a.containsKey("gen_ai.response.model")) {
      f.spanKindIfAbsent(SpanKind.LLM);
    }
    f.modelNameIfAbsent(string(a, "gen_ai.response.model"));
    f.modelNameIfAbsent(string(a, "gen_ai.request.model"));
    f.providerIfAbsent(string(a, "gen_ai.provider.name"));
    f.providerIfAbsent(string(a, "gen_ai.system"));
    f.tokensIfAbsent(new TokenCounts(
        first(a, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
        first(a, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"),
        number(a, "gen_ai.usage.total_tokens"),
        first(a, "gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens"),
        first(a, "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens"),
        first(a, "gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens")));
    List<Message> input = new ArrayList<>();
    JsonNode system = JsonText.parse(a, "gen_ai.system_instructions");
    if (system != null) {
      input.add(Message.of("system", partsText(system)));
    }
    input.addAll(jsonMessages(JsonText.parse(a, "gen_ai.input.messages")));
    if (input.isEmpty()) {
      input = indexedMessages(a, "gen_ai.prompt");
    }
    List<Message> output = jsonMessages(JsonText.parse(a, "gen_ai.output.messages"));
    if (output.isEmpty()) {
      output = indexedMessages(a, "gen_ai.completion");
    }
    f.inputMessagesIfAbsent(input);
    f.outputMessagesIfAbsent(output);
    f.inputIfAbsent(textOrJson(a, "gen_ai.prompt"), mimeOf(a, "gen_ai.prompt"));
    f.outputIfAbsent(textOrJson(a, "gen_ai.completion"), mimeOf(a, "gen_ai.completion"));
    f.inputIfAbsent(string(a, "gen_ai.tool.call.arguments"), "application/json");
    f.outputIfAbsent(string(a, "gen_ai.tool.call.result"), null);
    if (!input.isEmpty()) {
      f.inputIfAbsent(JsonText.jsonOf(a.get("gen_ai.input.messages")), "application/json");
    }
    if (!output.isEmpty()) {
      f.outputIfAbsent(lastContent(output), "text/plain");
    }
    f.sessionIdIfAbsent(string(a, "gen_ai.conversation.id"));
  }

  private static Long first(Map<String, Object> a, String key, String olderKey) {
    Long value = number(a, key);
    return value != null ? value : number(a, olderKey);
  }

  private static String textOrJson(Map<String, Object> a, String key) {
    return a.get(key) instanceof String s ? s : null;
  }

  private static String mimeOf(Map<String, Object> a, String key) {
    return JsonText.parse(a, key) != null ? "application/json" : "text/plain";
  }

  private static String lastContent(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).content() != null) {
        return messages.get(i).content();
      }
    }
    return null;
  }

  /** Messages in the GenAI JSON form: {@code [{"role":…, "parts":[{"type":"text","content":…}, …]}]}. */
  static List<Message> jsonMessages(JsonNode array) {
    List<Message> messages = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return messages;
    }
    for (JsonNode m : array) {
      List<ToolCall> calls = new ArrayList<>();
      String toolCallId = null;
      StringBuilder text = new StringBuilder();
      JsonNode parts = m.path("parts");
      for (JsonNode part : parts) {
        String type = part.path("type").asText("");
        switch (type) {
          case "tool_call" -> calls.add(ToolCall.of(JsonText.text(part.get("id")), JsonText.text(part.get("name")),
              JsonText.text(part.get("arguments"))));
          case "tool_call_response" -> {
            toolCallId = JsonText.text(part.get("id"));
            append(text, JsonText.text(part.get("response")));
          }
          default -> append(text, JsonText.text(part.get("content")));
        }
      }
      if (!parts.isArray()) {
        append(text, JsonText.text(m.get("content")));
      }
      messages.add(new Message(JsonText.text(m.get("role")), text.isEmpty() ? null : text.toString(),
          JsonText.text(m.get("name")), toolCallId, calls));
    }
    return messages;
  }

  private static String partsText(JsonNode system) {
    StringBuilder text = new StringBuilder();
    if (system.isArray()) {
      system.forEach(part -> append(text, JsonText.text(part.get("content"))));
    }
    return text.isEmpty() ? system.toString() : text.toString();
  }

  private static void append(StringBuilder text, String piece) {
    if (piece != null) {
      if (!text.isEmpty()) text.append('\n');
      text.append(piece);
    }
  }

  /** The older indexed form, {@code gen_ai.prompt.N.role} / {@code gen_ai.prompt.N.content}. */
  private static List<Message> indexedMessages(Map<String, Object> a, String prefix) {
    List<Message> messages = new ArrayList<>();
    for (Map<String, Object> m : Indexed.elements(a, prefix)) {
      messages.add(Message.of(string(m, "role"), string(m, "content")));
    }
    return messages;
  }
}

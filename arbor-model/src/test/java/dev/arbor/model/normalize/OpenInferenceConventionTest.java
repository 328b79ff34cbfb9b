package dev.arbor.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Document;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.SpanKind;
import dev.arbor.model.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenInferenceConventionTest {

  static Stream<NormalizerCase> cases() {
    return Stream.of(
        NormalizerCase.of("span kind, any case", Map.of("openinference.span.kind", "llm"),
            LlmFields::spanKind, SpanKind.LLM),
        NormalizerCase.of("unknown span kind", Map.of("openinference.span.kind", "WIZARD"),
            LlmFields::spanKind, SpanKind.UNKNOWN),
        NormalizerCase.of("model", Map.of("llm.model_name", "gpt-4o"), LlmFields::modelName, "gpt-4o"),
        NormalizerCase.of("provider", Map.of("llm.provider", "openai"), LlmFields::provider, "openai"),
        NormalizerCase.of("system as provider", Map.of("llm.system", "anthropic"), LlmFields::provider, "anthropic"),
        NormalizerCase.of("prompt tokens", Map.of("llm.token_count.prompt", 12L), f -> f.tokens().prompt(), 12L),
        NormalizerCase.of("completion tokens", Map.of("llm.token_count.completion", 7L),
            f -> f.tokens().completion(), 7L),
        NormalizerCase.of("total tokens", Map.of("llm.token_count.total", 19L), f -> f.tokens().total(), 19L),
        NormalizerCase.of("cache read tokens", Map.of("llm.token_count.prompt_details.cache_read", 5L),
            f -> f.tokens().cacheRead(), 5L),
        NormalizerCase.of("cache write tokens", Map.of("llm.token_count.prompt_details.cache_write", 4L),
            f -> f.tokens().cacheWrite(), 4L),
        NormalizerCase.of("reasoning tokens", Map.of("llm.token_count.completion_details.reasoning", 3L),
            f -> f.tokens().reasoning(), 3L),
        NormalizerCase.of("prompt audio tokens", Map.of("llm.token_count.prompt_details.audio", 40L),
            f -> f.tokens().promptAudio(), 40L),
        NormalizerCase.of("completion audio tokens", Map.of("llm.token_count.completion_details.audio", 30L),
            f -> f.tokens().completionAudio(), 30L),
        NormalizerCase.of("token count sent as text", Map.of("llm.token_count.prompt", "12"),
            f -> f.tokens().prompt(), 12L),
        NormalizerCase.of("input value", Map.of("input.value", "hi", "input.mime_type", "text/plain"),
            LlmFields::inputValue, "hi"),
        NormalizerCase.of("input mime type", Map.of("input.value", "{}", "input.mime_type", "application/json"),
            LlmFields::inputMimeType, "application/json"),
        NormalizerCase.of("output value", Map.of("output.value", "bye"), LlmFields::outputValue, "bye"),
        NormalizerCase.of("session", Map.of("session.id", "s-1"), LlmFields::sessionId, "s-1"),
        NormalizerCase.of("user", Map.of("user.id", "u-1"), LlmFields::userId, "u-1"),
        NormalizerCase.of("metadata", Map.of("metadata", "{\"topic\":\"billing\"}"), LlmFields::metadata,
            "{\"topic\":\"billing\"}"),
        NormalizerCase.of("tags", Map.of("tag.tags", List.of("a", "b")), LlmFields::tags, List.of("a", "b")),
        NormalizerCase.of("invocation parameters", Map.of("llm.invocation_parameters", "{\"temperature\":0}"),
            LlmFields::invocationParameters, "{\"temperature\":0}"),
        NormalizerCase.of("input messages with tool calls", Map.of(
                "llm.input_messages.0.message.role", "system",
                "llm.input_messages.0.message.content", "be brief",
                "llm.input_messages.1.message.role", "assistant",
                "llm.input_messages.1.message.tool_calls.0.tool_call.id", "call_1",
                "llm.input_messages.1.message.tool_calls.0.tool_call.function.name", "lookup",
                "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments", "{\"q\":1}",
                "llm.input_messages.2.message.role", "tool",
                "llm.input_messages.2.message.tool_call_id", "call_1",
                "llm.input_messages.2.message.content", "42"),
            LlmFields::inputMessages, List.of(
                Message.of("system", "be brief"),
                new Message("assistant", null, null, null, List.of(ToolCall.of("call_1", "lookup", "{\"q\":1}"))),
                new Message("tool", "42", null, "call_1", List.of()))),
        NormalizerCase.of("messages ordered by index, not by text", Map.of(
                "llm.output_messages.10.message.role", "assistant",
                "llm.output_messages.10.message.content", "second",
                "llm.output_messages.2.message.role", "assistant",
                "llm.output_messages.2.message.content", "first"),
            f -> f.outputMessages().stream().map(Message::content).toList(), List.of("first", "second")),
        NormalizerCase.of("multi-part content", Map.of(
                "llm.input_messages.0.message.role", "user",
                "llm.input_messages.0.message.contents.0.message_content.text", "look",
                "llm.input_messages.0.message.contents.1.message_content.image.image.url", "http://x/y.png"),
            f -> f.inputMessages().get(0).content(), "look\nhttp://x/y.png"),
        NormalizerCase.of("retrieval documents", Map.of(
                "retrieval.documents.0.document.id", "d1",
                "retrieval.documents.0.document.content", "text",
                "retrieval.documents.0.document.score", 0.5),
            LlmFields::documents, List.of(Document.of("d1", "text", 0.5, null))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsOpenInference(NormalizerCase c) {
    assertThat(c.actual()).isEqualTo(c.expected());
  }
}

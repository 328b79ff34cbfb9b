package dev.arbor.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.SpanKind;
import dev.arbor.model.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GenAiConventionTest {

  static Stream<NormalizerCase> cases() {
    return Stream.of(
        NormalizerCase.of("chat operation is an LLM span", Map.of("gen_ai.operation.name", "chat"),
            LlmFields::spanKind, SpanKind.LLM),
        NormalizerCase.of("embeddings operation", Map.of("gen_ai.operation.name", "embeddings"),
            LlmFields::spanKind, SpanKind.EMBEDDING),
        NormalizerCase.of("tool execution", Map.of("gen_ai.operation.name", "execute_tool"),
            LlmFields::spanKind, SpanKind.TOOL),
        NormalizerCase.of("agent invocation", Map.of("gen_ai.operation.name", "invoke_agent"),
            LlmFields::spanKind, SpanKind.AGENT),
        NormalizerCase.of("a request model alone makes an LLM span", Map.of("gen_ai.request.model", "m"),
            LlmFields::spanKind, SpanKind.LLM),
        NormalizerCase.of("response model preferred", Map.of("gen_ai.request.model", "gpt-4o",
            "gen_ai.response.model", "gpt-4o-2024-08-06"), LlmFields::modelName, "gpt-4o-2024-08-06"),
        NormalizerCase.of("request model", Map.of("gen_ai.request.model", "gpt-4o"), LlmFields::modelName, "gpt-4o"),
        NormalizerCase.of("provider name", Map.of("gen_ai.provider.name", "aws.bedrock"),
            LlmFields::provider, "aws.bedrock"),
        NormalizerCase.of("older system key", Map.of("gen_ai.system", "openai"), LlmFields::provider, "openai"),
        NormalizerCase.of("input tokens", Map.of("gen_ai.usage.input_tokens", 30L), f -> f.tokens().prompt(), 30L),
        NormalizerCase.of("older prompt tokens", Map.of("gen_ai.usage.prompt_tokens", 31L),
            f -> f.tokens().prompt(), 31L),
        NormalizerCase.of("output tokens", Map.of("gen_ai.usage.output_tokens", 9L),
            f -> f.tokens().completion(), 9L),
        NormalizerCase.of("older completion tokens", Map.of("gen_ai.usage.completion_tokens", 8L),
            f -> f.tokens().completion(), 8L),
        NormalizerCase.of("cache read tokens", Map.of("gen_ai.usage.cache_read.input_tokens", 6L),
            f -> f.tokens().cacheRead(), 6L),
        NormalizerCase.of("cache creation tokens", Map.of("gen_ai.usage.cache_creation.input_tokens", 2L),
            f -> f.tokens().cacheWrite(), 2L),
        NormalizerCase.of("reasoning tokens", Map.of("gen_ai.usage.reasoning.output_tokens", 4L),
            f -> f.tokens().reasoning(), 4L),
        NormalizerCase.of("conversation id as session", Map.of("gen_ai.conversation.id", "conv-1"),
            LlmFields::sessionId, "conv-1"),
        NormalizerCase.of("JSON input messages with system instructions", Map.of(
                "gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"be brief\"}]",
                "gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]"),
            LlmFields::inputMessages, List.of(Message.of("system", "be brief"), Message.of("user", "hi"))),
        NormalizerCase.of("JSON output message with a tool call", Map.of("gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"c1\",\"name\":\"f\","
                    + "\"arguments\":{\"a\":1}}],\"finish_reason\":\"tool_call\"}]"),
            LlmFields::outputMessages,
            List.of(new Message("assistant", null, null, null, List.of(ToolCall.of("c1", "f", "{\"a\":1}"))))),
        NormalizerCase.of("tool response message", Map.of("gen_ai.input.messages",
                "[{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\",\"response\":\"42\"}]}]"),
            LlmFields::inputMessages, List.of(new Message("tool", "42", null, "c1", List.of()))),
        NormalizerCase.of("output value from the last output message", Map.of("gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"done\"}]}]"),
            LlmFields::outputValue, "done"),
        NormalizerCase.of("older indexed prompt", Map.of("gen_ai.prompt.0.role", "user",
            "gen_ai.prompt.0.content", "hello"), LlmFields::inputMessages, List.of(Message.of("user", "hello"))),
        NormalizerCase.of("older indexed completion", Map.of("gen_ai.completion.0.role", "assistant",
                "gen_ai.completion.0.content", "hey"), LlmFields::outputMessages,
            List.of(Message.of("assistant", "hey"))),
        NormalizerCase.of("malformed JSON messages are ignored, attributes kept",
            Map.of("gen_ai.input.messages", "[{oops"), LlmFields::inputMessages, List.of()),
        NormalizerCase.of("OpenInference wins over GenAI", Map.of("llm.model_name", "oi-model",
            "gen_ai.request.model", "genai-model"), LlmFields::modelName, "oi-model"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsGenAi(NormalizerCase c) {
    assertThat(c.actual()).isEqualTo(c.expected());
  }
}

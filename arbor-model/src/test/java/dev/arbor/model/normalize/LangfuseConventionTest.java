package dev.arbor.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.LlmFields;
import dev.arbor.model.SpanKind;
import dev.arbor.model.TokenCounts;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LangfuseConventionTest {

  static Stream<NormalizerCase> cases() {
    return Stream.of(
        NormalizerCase.of("generation is an LLM span", Map.of("langfuse.observation.type", "generation"),
            LlmFields::spanKind, SpanKind.LLM),
        NormalizerCase.of("tool observation", Map.of("langfuse.observation.type", "tool"),
            LlmFields::spanKind, SpanKind.TOOL),
        NormalizerCase.of("plain span is a chain", Map.of("langfuse.observation.type", "span"),
            LlmFields::spanKind, SpanKind.CHAIN),
        NormalizerCase.of("model", Map.of("langfuse.observation.model.name", "claude-sonnet-4"),
            LlmFields::modelName, "claude-sonnet-4"),
        NormalizerCase.of("usage details: disjoint keys, cache and reasoning added back into prompt and completion",
            Map.of("langfuse.observation.usage_details", "{\"input\":10,\"output\":5,\"total\":24,"
                + "\"input_cache_read\":3,\"input_cache_creation\":2,\"output_reasoning\":4}"),
            LlmFields::tokens, new TokenCounts(15L, 9L, 24L, 3L, 2L, 4L)),
        NormalizerCase.of("usage details: audio, as Langfuse's OpenAI integration moves it out of input and output",
            Map.of("langfuse.observation.usage_details", "{\"input\":10,\"output\":5,"
                + "\"input_audio_tokens\":40,\"output_audio_tokens\":30}"),
            LlmFields::tokens, new TokenCounts(50L, 35L, null, null, null, null, 40L, 30L)),
        NormalizerCase.of("usage details: OpenAI-style keys already include the cache",
            Map.of("langfuse.observation.usage_details",
                "{\"prompt_tokens\":10,\"completion_tokens\":5,\"input_cached_tokens\":3}"),
            LlmFields::tokens, new TokenCounts(10L, 5L, null, 3L, null, null)),
        NormalizerCase.of("observation input", Map.of("langfuse.observation.input", "{\"q\":1}"),
            LlmFields::inputMimeType, "application/json"),
        NormalizerCase.of("observation output", Map.of("langfuse.observation.output", "answer"),
            LlmFields::outputValue, "answer"),
        NormalizerCase.of("trace input when the observation has none", Map.of("langfuse.trace.input", "q"),
            LlmFields::inputValue, "q"),
        NormalizerCase.of("session", Map.of("langfuse.session.id", "s-9"), LlmFields::sessionId, "s-9"),
        NormalizerCase.of("user", Map.of("langfuse.user.id", "u-9"), LlmFields::userId, "u-9"),
        NormalizerCase.of("tags", Map.of("langfuse.trace.tags", List.of("prod", "eu")), LlmFields::tags,
            List.of("prod", "eu")),
        NormalizerCase.of("metadata keys gathered", Map.of("langfuse.trace.metadata.team", "core"),
            LlmFields::metadata, "{\"team\":\"core\"}"),
        NormalizerCase.of("model parameters", Map.of("langfuse.observation.model.parameters", "{\"t\":1}"),
            LlmFields::invocationParameters, "{\"t\":1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsLangfuse(NormalizerCase c) {
    assertThat(c.actual()).isEqualTo(c.expected());
  }
}

package dev.arbor.model.normalize;

import static dev.arbor.model.Attributes.string;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.model.LlmFields;
import dev.arbor.model.SpanKind;
import dev.arbor.model.TokenCounts;
import java.util.LinkedHashMap;
import java.util.Map;

/** Langfuse's OTel attributes: {@code langfuse.observation.*}, {@code langfuse.trace.*}, session and user. */
final class LangfuseConvention implements Convention {
  private static final Map<String, SpanKind> OBSERVATION_KINDS = Map.ofEntries(
      Map.entry("generation", SpanKind.LLM),
      Map.entry("span", SpanKind.CHAIN),
      Map.entry("chain", SpanKind.CHAIN),
      Map.entry("agent", SpanKind.AGENT),
      Map.entry("tool", SpanKind.TOOL),
      Map.entry("retriever", SpanKind.RETRIEVER),
      Map.entry("embedding", SpanKind.EMBEDDING),
      Map.entry("evaluator", SpanKind.EVALUATOR),
      Map.entry("guardrail", SpanKind.GUARDRAIL));

  private static final String TRACE_METADATA = "langfuse.trace.metadata.";
  private static final String OBSERVATION_METADATA = "langfuse.observation.metadata.";

  @Override
  public void apply(String spanName, Map<String, Object> a, LlmFields.Builder f) {
    String type = string(a, "langfuse.observation.type");
    if (type != null) {
      f.spanKindIfAbsent(OBSERVATION_KINDS.get(type.toLowerCase(java.util.Locale.ROOT)));
    }
    f.modelNameIfAbsent(string(a, "langfuse.observation.model.name"));
    f.tokensIfAbsent(usage(JsonText.parse(a, "langfuse.observation.usage_details")));
    f.inputIfAbsent(string(a, "langfuse.observation.input"), mime(a, "langfuse.observation.input"));
    f.outputIfAbsent(string(a, "langfuse.observation.output"), mime(a, "langfuse.observation.output"));
    f.inputIfAbsent(string(a, "langfuse.trace.input"), mime(a, "langfuse.trace.input"));
    f.outputIfAbsent(string(a, "langfuse.trace.output"), mime(a, "langfuse.trace.output"));
    f.sessionIdIfAbsent(string(a, "langfuse.session.id"));
    f.userIdIfAbsent(string(a, "langfuse.user.id"));
    f.tagsIfAbsent(JsonText.strings(a.get("langfuse.trace.tags")));
    f.invocationParametersIfAbsent(string(a, "langfuse.observation.model.parameters"));
    f.metadataIfAbsent(metadata(a));
  }

  private static String mime(Map<String, Object> a, String key) {
    return JsonText.parse(a, key) != null ? "application/json" : "text/plain";
  }

  /**
   * Langfuse's usage keys are disjoint (its total is their sum): {@code input} excludes cache reads and writes and
   * audio, {@code output} excludes reasoning and audio (its OpenAI integration moves each {@code *_tokens_details}
   * entry to an {@code input_}/{@code output_} key of its own). The canonical counts include them, as OpenInference
   * and GenAI do, so they are added back; OpenAI-style {@code prompt_tokens}/{@code completion_tokens} already
   * include them.
   */
  private static TokenCounts usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return TokenCounts.NONE;
    }
    Long cacheRead = longOf(usage, "input_cache_read", "cache_read_input_tokens", "input_cached_tokens");
    Long cacheWrite = longOf(usage, "input_cache_creation", "cache_creation_input_tokens");
    Long reasoning = longOf(usage, "output_reasoning", "reasoning_tokens", "output_reasoning_tokens");
    Long promptAudio = longOf(usage, "input_audio", "input_audio_tokens");
    Long completionAudio = longOf(usage, "output_audio", "output_audio_tokens");
    Long input = longOf(usage, "input");
    Long output = longOf(usage, "output");
    return new TokenCounts(
        input != null ? sum(input, cacheRead, cacheWrite, promptAudio) : longOf(usage, "prompt_tokens"),
        output != null ? sum(output, reasoning, completionAudio) : longOf(usage, "completion_tokens"),
        longOf(usage, "total", "total_tokens"),
        cacheRead,
        cacheWrite,
        reasoning,
        promptAudio,
        completionAudio);
  }

  private static long sum(long base, Long... parts) {
    long sum = base;
    for (Long part : parts) {
      sum += part == null ? 0 : part;
    }
    return sum;
  }

  private static Long longOf(JsonNode node, String... keys) {
    for (String key : keys) {
      JsonNode value = node.get(key);
      if (value != null && value.canConvertToLong()) {
        return value.asLong();
      }
    }
    return null;
  }

  /** {@code langfuse.(trace|observation).metadata.K} attributes gathered into one JSON object. */
  private static String metadata(Map<String, Object> a) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    a.forEach((key, value) -> {
      if (key.startsWith(TRACE_METADATA)) {
        metadata.put(key.substring(TRACE_METADATA.length()), value);
      } else if (key.startsWith(OBSERVATION_METADATA)) {
        metadata.put(key.substring(OBSERVATION_METADATA.length()), value);
      }
    });
    return metadata.isEmpty() ? null : JsonText.jsonOf(metadata);
  }
}

package dev.arbor.sdk.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;

/**
 * A call to a language model ({@code openinference.span.kind = LLM}): model, provider, messages, invocation
 * parameters and token counts, which Arbor prices.
 *
 * <pre>{@code
 * try (LlmSpan llm = tracer.llm("synthesize").start()) {
 *   llm.setModelName("gpt-4o").setProvider("azure").setInputMessages(List.of(Message.user(prompt)));
 *   Answer answer = client.call(prompt);
 *   llm.setOutputMessages(List.of(Message.assistant(answer.text())))
 *      .setTokenCount(TokenCount.of(answer.promptTokens(), answer.completionTokens()));
 * }
 * }</pre>
 */
public final class LlmSpan extends OpenInferenceSpan<LlmSpan> {
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("llm.model_name");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("llm.provider");
  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("llm.system");
  private static final AttributeKey<String> PARAMETERS = AttributeKey.stringKey("llm.invocation_parameters");
  private static final AttributeKey<Long> PROMPT = AttributeKey.longKey("llm.token_count.prompt");
  private static final AttributeKey<Long> COMPLETION = AttributeKey.longKey("llm.token_count.completion");
  private static final AttributeKey<Long> TOTAL = AttributeKey.longKey("llm.token_count.total");
  private static final AttributeKey<Long> CACHE_READ =
      AttributeKey.longKey("llm.token_count.prompt_details.cache_read");
  private static final AttributeKey<Long> CACHE_WRITE =
      AttributeKey.longKey("llm.token_count.prompt_details.cache_write");
  private static final AttributeKey<Long> PROMPT_AUDIO = AttributeKey.longKey("llm.token_count.prompt_details.audio");
  private static final AttributeKey<Long> REASONING =
      AttributeKey.longKey("llm.token_count.completion_details.reasoning");
  private static final AttributeKey<Long> COMPLETION_AUDIO =
      AttributeKey.longKey("llm.token_count.completion_details.audio");

  LlmSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  LlmSpan self() {
    return this;
  }

  /** The model as the provider names it ({@code gpt-4o-2024-08-06}, {@code claude-sonnet-4-5}). */
  public LlmSpan setModelName(String model) {
    if (model != null) span.setAttribute(MODEL, model);
    return this;
  }

  /** Who hosts the model: {@code openai}, {@code azure}, {@code anthropic}, {@code google}, {@code aws} … */
  public LlmSpan setProvider(String provider) {
    if (provider != null) span.setAttribute(PROVIDER, provider);
    return this;
  }

  /** The model family's API: {@code openai}, {@code anthropic}, {@code vertexai}, {@code mistralai} … */
  public LlmSpan setSystem(String system) {
    if (system != null) span.setAttribute(SYSTEM, system);
    return this;
  }

  /**
   * Temperature, max tokens and the like, written as JSON. An unmodifiable map passed again (a constant of the
   * application's) is written once and reused.
   */
  public LlmSpan setInvocationParameters(Map<String, ?> parameters) {
    String json = parameters == null ? null : JsonText.ofConstant(parameters);
    if (json != null) span.setAttribute(PARAMETERS, json);
    return this;
  }

  public LlmSpan setInputMessages(List<Message> messages) {
    MessageAttributes.writeInput(span, messages);
    return this;
  }

  public LlmSpan setOutputMessages(List<Message> messages) {
    MessageAttributes.writeOutput(span, messages);
    return this;
  }

  /** The tools offered to the model, each as its JSON schema. */
  public LlmSpan setTools(List<String> jsonSchemas) {
    if (jsonSchemas != null) {
      for (int i = 0; i < jsonSchemas.size(); i++) {
        String schema = jsonSchemas.get(i);
        if (schema != null) span.setAttribute("llm.tools." + i + ".tool.json_schema", schema);
      }
    }
    return this;
  }

  public LlmSpan setTokenCount(TokenCount tokens) {
    if (tokens == null) {
      return this;
    }
    put(PROMPT, tokens.prompt());
    put(COMPLETION, tokens.completion());
    put(TOTAL, tokens.effectiveTotal());
    put(CACHE_READ, tokens.cacheRead());
    put(CACHE_WRITE, tokens.cacheWrite());
    put(PROMPT_AUDIO, tokens.promptAudio());
    put(REASONING, tokens.reasoning());
    put(COMPLETION_AUDIO, tokens.completionAudio());
    return this;
  }

  private void put(AttributeKey<Long> key, Long value) {
    if (value != null) span.setAttribute(key, value);
  }
}

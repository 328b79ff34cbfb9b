package dev.arbor.langchain4j;

import dev.arbor.sdk.trace.TokenCount;
import dev.langchain4j.model.output.TokenUsage;
import java.lang.reflect.Method;

/**
 * A LangChain4j {@link TokenUsage} as OpenInference counts. Providers report cache and reasoning tokens in their own
 * subclasses ({@code OpenAiTokenUsage}, {@code AnthropicTokenUsage}), which this module does not depend on: their
 * accessors are found by name, once per class.
 */
final class Tokens {
  private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
    @Override
    protected Accessors computeValue(Class<?> type) {
      return new Accessors(type);
    }
  };

  private Tokens() {}

  static TokenCount of(TokenUsage usage) {
    if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
      return null;
    }
    long prompt = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long completion = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    Accessors a = ACCESSORS.get(usage.getClass());
    Long cacheRead = a.call(usage, a.cachedTokens, a.inputDetails);
    Long reasoning = a.call(usage, a.reasoningTokens, a.outputDetails);
    Long anthropicRead = a.call(usage, a.cacheReadInputTokens, null);
    Long anthropicWrite = a.call(usage, a.cacheCreationInputTokens, null);
    if (anthropicRead != null || anthropicWrite != null) {
      // Anthropic's input tokens leave its cache reads and writes out; OpenInference's prompt count includes them.
      cacheRead = anthropicRead;
      prompt += (anthropicRead == null ? 0 : anthropicRead) + (anthropicWrite == null ? 0 : anthropicWrite);
    }
    TokenCount count = TokenCount.of(prompt, completion);
    if (usage.totalTokenCount() != null && anthropicRead == null && anthropicWrite == null) {
      count = count.withTotal(usage.totalTokenCount());
    }
    if (cacheRead != null) count = count.withCacheRead(cacheRead);
    if (anthropicWrite != null) count = count.withCacheWrite(anthropicWrite);
    if (reasoning != null) count = count.withReasoning(reasoning);
    return count;
  }

  private static final class Accessors {
    final Method inputDetails;
    final Method outputDetails;
    final Method cachedTokens;
    final Method reasoningTokens;
    final Method cacheReadInputTokens;
    final Method cacheCreationInputTokens;

    Accessors(Class<?> type) {
      inputDetails = find(type, "inputTokensDetails");
      outputDetails = find(type, "outputTokensDetails");
      cachedTokens = inputDetails == null ? null : find(inputDetails.getReturnType(), "cachedTokens");
      reasoningTokens = outputDetails == null ? null : find(outputDetails.getReturnType(), "reasoningTokens");
      cacheReadInputTokens = find(type, "cacheReadInputTokens");
      cacheCreationInputTokens = find(type, "cacheCreationInputTokens");
    }

    /** {@code usage.details().method()} (or {@code usage.method()} without details) as a long; null when absent. */
    Long call(Object usage, Method method, Method details) {
      if (method == null) {
        return null;
      }
      try {
        Object target = details == null ? usage : details.invoke(usage);
        Object value = target == null ? null : method.invoke(target);
        return value instanceof Number n ? n.longValue() : null;
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    private static Method find(Class<?> type, String name) {
      try {
        Method m = type.getMethod(name);
        return m.getParameterCount() == 0 ? m : null;
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  }
}

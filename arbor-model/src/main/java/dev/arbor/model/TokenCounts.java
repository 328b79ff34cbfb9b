package dev.arbor.model;

/**
 * Token counts of one LLM call; each is {@code null} when the span did not report it. As OpenAI, OpenInference
 * and OpenTelemetry GenAI report them, {@code prompt} includes the cache reads and writes and {@code completion}
 * includes the reasoning tokens; the details are also kept on their own so that each is priced at its own rate.
 */
public record TokenCounts(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning) {
  public static final TokenCounts NONE = new TokenCounts(null, null, null, null, null, null);

  /** True when any count that has a price (all but the total) was reported. */
  public boolean hasPriceableCounts() {
    return prompt != null || completion != null || cacheRead != null || cacheWrite != null || reasoning != null;
  }

  /**
   * Some instrumentations report prompt tokens without the cached ones (as Anthropic's API does) or
   * completion tokens without reasoning. A prompt smaller than its own cache details cannot include them, so
   * they are added; otherwise the counts are taken as reported.
   */
  public TokenCounts withDetailsIncluded() {
    long cached = orZero(cacheRead) + orZero(cacheWrite);
    boolean promptExcludes = prompt != null && prompt < cached;
    boolean completionExcludes = completion != null && completion < orZero(reasoning);
    if (!promptExcludes && !completionExcludes) {
      return this;
    }
    return new TokenCounts(promptExcludes ? prompt + cached : prompt,
        completionExcludes ? completion + reasoning : completion, total, cacheRead, cacheWrite, reasoning);
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

  /** Fields of {@code this} where set, else those of {@code other}. */
  public TokenCounts orElse(TokenCounts other) {
    return new TokenCounts(
        prompt != null ? prompt : other.prompt,
        completion != null ? completion : other.completion,
        total != null ? total : other.total,
        cacheRead != null ? cacheRead : other.cacheRead,
        cacheWrite != null ? cacheWrite : other.cacheWrite,
        reasoning != null ? reasoning : other.reasoning);
  }
}

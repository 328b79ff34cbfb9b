package dev.arbor.model;

/**
 * Token counts of one LLM call; each is {@code null} when the span did not report it. As OpenAI, OpenInference
 * and OpenTelemetry GenAI report them, {@code prompt} includes the cache reads and writes and the prompt's audio
 * tokens, and {@code completion} includes the reasoning and audio tokens; the details are also kept on their own so
 * that each is priced at its own rate.
 */
public record TokenCounts(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning,
    Long promptAudio, Long completionAudio) {
  public static final TokenCounts NONE = new TokenCounts(null, null, null, null, null, null);

  /** Counts without audio details. */
  public TokenCounts(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning) {
    this(prompt, completion, total, cacheRead, cacheWrite, reasoning, null, null);
  }

  /** True when any count that has a price (all but the total) was reported. */
  public boolean hasPriceableCounts() {
    return prompt != null || completion != null || cacheRead != null || cacheWrite != null || reasoning != null
        || promptAudio != null || completionAudio != null;
  }

  /**
   * Some instrumentations report prompt tokens without the cached ones (as Anthropic's API does) or
   * completion tokens without reasoning. A prompt smaller than its own details (cache reads and writes, audio)
   * cannot include them, so they are added; the same for a completion and its reasoning and audio; otherwise the
   * counts are taken as reported.
   */
  public TokenCounts withDetailsIncluded() {
    long promptDetails = orZero(cacheRead) + orZero(cacheWrite) + orZero(promptAudio);
    long completionDetails = orZero(reasoning) + orZero(completionAudio);
    boolean promptExcludes = prompt != null && prompt < promptDetails;
    boolean completionExcludes = completion != null && completion < completionDetails;
    if (!promptExcludes && !completionExcludes) {
      return this;
    }
    return new TokenCounts(promptExcludes ? prompt + promptDetails : prompt,
        completionExcludes ? completion + completionDetails : completion, total, cacheRead, cacheWrite, reasoning,
        promptAudio, completionAudio);
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
        reasoning != null ? reasoning : other.reasoning,
        promptAudio != null ? promptAudio : other.promptAudio,
        completionAudio != null ? completionAudio : other.completionAudio);
  }
}

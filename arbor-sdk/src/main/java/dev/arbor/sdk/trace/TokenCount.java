package dev.arbor.sdk.trace;

/**
 * The tokens of one LLM call, as OpenInference counts them: {@code prompt} includes cache reads and writes and
 * prompt audio, {@code completion} includes reasoning and completion audio. Unknown counts are null. When
 * {@code total} is null it is written as prompt + completion.
 *
 * <pre>{@code
 * TokenCount.of(1200, 300).withCacheRead(1000).withReasoning(120)
 * }</pre>
 */
public record TokenCount(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning,
    Long promptAudio, Long completionAudio) {

  public static TokenCount of(long prompt, long completion) {
    return new TokenCount(prompt, completion, null, null, null, null, null, null);
  }

  public TokenCount withTotal(long value) {
    return new TokenCount(prompt, completion, value, cacheRead, cacheWrite, reasoning, promptAudio, completionAudio);
  }

  public TokenCount withCacheRead(long value) {
    return new TokenCount(prompt, completion, total, value, cacheWrite, reasoning, promptAudio, completionAudio);
  }

  public TokenCount withCacheWrite(long value) {
    return new TokenCount(prompt, completion, total, cacheRead, value, reasoning, promptAudio, completionAudio);
  }

  public TokenCount withReasoning(long value) {
    return new TokenCount(prompt, completion, total, cacheRead, cacheWrite, value, promptAudio, completionAudio);
  }

  public TokenCount withPromptAudio(long value) {
    return new TokenCount(prompt, completion, total, cacheRead, cacheWrite, reasoning, value, completionAudio);
  }

  public TokenCount withCompletionAudio(long value) {
    return new TokenCount(prompt, completion, total, cacheRead, cacheWrite, reasoning, promptAudio, value);
  }

  /** {@code total}, or prompt + completion when the total was not given; null when neither is known. */
  public Long effectiveTotal() {
    if (total != null) {
      return total;
    }
    if (prompt == null && completion == null) {
      return null;
    }
    return (prompt == null ? 0 : prompt) + (completion == null ? 0 : completion);
  }
}

package dev.arbor.model;

/**
 * Token counts of one LLM call; each is {@code null} when the span did not report it. Cache reads and
 * writes and reasoning tokens are kept apart from prompt and completion so that each can be priced on its own.
 */
public record TokenCounts(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning) {
  public static final TokenCounts NONE = new TokenCounts(null, null, null, null, null, null);

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

package dev.arbor.model;

/**
 * What one LLM call cost in US dollars, each token type at its own price: regular (uncached, text) prompt tokens,
 * completion tokens other than reasoning and audio, cache reads, cache writes, reasoning tokens and audio tokens (the
 * prompt's and the completion's). {@link #NONE} (every part null) means "not priced": the span reported no tokens,
 * or no price matches its model; it is never read as $0.
 */
public record SpanCost(Double input, Double output, Double cacheRead, Double cacheWrite, Double reasoning,
    Double audio, Double total) {
  public static final SpanCost NONE = new SpanCost(null, null, null, null, null, null, null);

  /** A priced call: the parts, with the total as their sum. */
  public static SpanCost of(double input, double output, double cacheRead, double cacheWrite, double reasoning,
      double audio) {
    return new SpanCost(input, output, cacheRead, cacheWrite, reasoning, audio,
        input + output + cacheRead + cacheWrite + reasoning + audio);
  }

  /** A priced call without audio. */
  public static SpanCost of(double input, double output, double cacheRead, double cacheWrite, double reasoning) {
    return of(input, output, cacheRead, cacheWrite, reasoning, 0);
  }

  public boolean isPriced() {
    return total != null;
  }
}

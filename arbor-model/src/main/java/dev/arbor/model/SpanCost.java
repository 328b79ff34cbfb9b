package dev.arbor.model;

/**
 * What one LLM call cost in US dollars, each token type at its own price: regular (uncached) prompt tokens,
 * completion tokens other than reasoning, cache reads, cache writes and reasoning tokens. {@link #NONE}
 * (every part null) means "not priced": the span reported no tokens, or no price matches its model; it is
 * never read as $0.
 */
public record SpanCost(Double input, Double output, Double cacheRead, Double cacheWrite, Double reasoning,
    Double total) {
  public static final SpanCost NONE = new SpanCost(null, null, null, null, null, null);

  /** A priced call: the parts, with the total as their sum. */
  public static SpanCost of(double input, double output, double cacheRead, double cacheWrite, double reasoning) {
    return new SpanCost(input, output, cacheRead, cacheWrite, reasoning,
        input + output + cacheRead + cacheWrite + reasoning);
  }

  public boolean isPriced() {
    return total != null;
  }
}

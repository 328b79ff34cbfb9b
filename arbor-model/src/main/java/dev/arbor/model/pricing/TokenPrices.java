package dev.arbor.model.pricing;

import dev.arbor.model.SpanCost;
import dev.arbor.model.TokenCounts;

/**
 * A model's prices in US dollars per million tokens. Input and output are required; a cache-read,
 * cache-write, reasoning or audio price that is not given is charged at the input (cache, audio input) or output
 * (reasoning, audio output) price, as providers that do not price them apart do.
 */
public record TokenPrices(double input, double output, Double cacheRead, Double cacheWrite, Double reasoning,
    Double audioInput, Double audioOutput) {
  private static final double PER_MILLION = 1_000_000d;

  public TokenPrices {
    check("input", input);
    check("output", output);
    if (cacheRead != null) check("cache_read", cacheRead);
    if (cacheWrite != null) check("cache_write", cacheWrite);
    if (reasoning != null) check("reasoning", reasoning);
    if (audioInput != null) check("audio_input", audioInput);
    if (audioOutput != null) check("audio_output", audioOutput);
  }

  /** Prices without audio prices of their own. */
  public TokenPrices(double input, double output, Double cacheRead, Double cacheWrite, Double reasoning) {
    this(input, output, cacheRead, cacheWrite, reasoning, null, null);
  }

  private static void check(String field, double price) {
    if (!(price >= 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException(field + " must be a price per million tokens, 0 or more: " + price);
    }
  }

  public double cacheReadOrInput() {
    return cacheRead != null ? cacheRead : input;
  }

  public double cacheWriteOrInput() {
    return cacheWrite != null ? cacheWrite : input;
  }

  public double reasoningOrOutput() {
    return reasoning != null ? reasoning : output;
  }

  public double audioInputOrInput() {
    return audioInput != null ? audioInput : input;
  }

  public double audioOutputOrOutput() {
    return audioOutput != null ? audioOutput : output;
  }

  /**
   * What a call with these counts costs: regular prompt tokens (prompt minus cache reads, cache writes and prompt
   * audio) at the input price, each prompt detail at its own, completion minus reasoning and completion audio at the
   * output price, each completion detail at its own. {@link SpanCost#NONE} when the call reported no count that has
   * a price. The stores' recompute SQL is this same arithmetic, in this order; the contract suite checks they agree.
   */
  public SpanCost cost(TokenCounts t) {
    if (!t.hasPriceableCounts()) {
      return SpanCost.NONE;
    }
    long cacheReadTokens = orZero(t.cacheRead());
    long cacheWriteTokens = orZero(t.cacheWrite());
    long reasoningTokens = orZero(t.reasoning());
    long promptAudio = orZero(t.promptAudio());
    long completionAudio = orZero(t.completionAudio());
    long uncached = Math.max(orZero(t.prompt()) - cacheReadTokens - cacheWriteTokens - promptAudio, 0);
    long plainOutput = Math.max(orZero(t.completion()) - reasoningTokens - completionAudio, 0);
    return SpanCost.of(
        uncached * input / PER_MILLION,
        plainOutput * output / PER_MILLION,
        cacheReadTokens * cacheReadOrInput() / PER_MILLION,
        cacheWriteTokens * cacheWriteOrInput() / PER_MILLION,
        reasoningTokens * reasoningOrOutput() / PER_MILLION,
        promptAudio * audioInputOrInput() / PER_MILLION + completionAudio * audioOutputOrOutput() / PER_MILLION);
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}

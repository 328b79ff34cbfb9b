package dev.arbor.model.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.SpanCost;
import dev.arbor.model.TokenCounts;
import org.junit.jupiter.api.Test;

class TokenPricesTest {
  private static final TokenPrices SONNET = new TokenPrices(3.0, 15.0, 0.30, 3.75, null);

  @Test
  void cost_pricesCacheReadsAtTheirOwnRateNotAsPromptTokens() {
    // 10,000 prompt tokens of which 9,000 were read from the cache and 500 written to it.
    SpanCost cost = SONNET.cost(new TokenCounts(10_000L, 200L, null, 9_000L, 500L, null));

    assertThat(cost.input()).isCloseTo(500 * 3.0 / 1e6, within(1e-12));
    assertThat(cost.cacheRead()).isCloseTo(9_000 * 0.30 / 1e6, within(1e-12));
    assertThat(cost.cacheWrite()).isCloseTo(500 * 3.75 / 1e6, within(1e-12));
    assertThat(cost.output()).isCloseTo(200 * 15.0 / 1e6, within(1e-12));
    assertThat(cost.total()).isCloseTo((500 * 3.0 + 9_000 * 0.30 + 500 * 3.75 + 200 * 15.0) / 1e6, within(1e-12));
  }

  @Test
  void cost_reasoningAtItsOwnPriceOrElseTheOutputPrice() {
    TokenCounts tokens = new TokenCounts(100L, 1_000L, null, null, null, 800L);

    SpanCost atOutput = new TokenPrices(1.0, 4.0, null, null, null).cost(tokens);
    SpanCost ownPrice = new TokenPrices(1.0, 4.0, null, null, 8.0).cost(tokens);

    assertThat(atOutput.output()).isCloseTo(200 * 4.0 / 1e6, within(1e-12));
    assertThat(atOutput.reasoning()).isCloseTo(800 * 4.0 / 1e6, within(1e-12));
    assertThat(ownPrice.reasoning()).isCloseTo(800 * 8.0 / 1e6, within(1e-12));
  }

  @Test
  void cost_audioTokensAtTheirOwnPricesOrElseTheInputAndOutputPrices() {
    // 1,000 prompt tokens of which 400 audio and 100 cache reads; 500 completion tokens of which 300 audio.
    TokenCounts tokens = new TokenCounts(1_000L, 500L, null, 100L, null, null, 400L, 300L);

    SpanCost own = new TokenPrices(2.5, 10.0, 1.25, null, null, 40.0, 80.0).cost(tokens);
    SpanCost plain = new TokenPrices(2.5, 10.0, 1.25, null, null).cost(tokens);

    assertThat(own.input()).isCloseTo(500 * 2.5 / 1e6, within(1e-15));
    assertThat(own.cacheRead()).isCloseTo(100 * 1.25 / 1e6, within(1e-15));
    assertThat(own.output()).isCloseTo(200 * 10.0 / 1e6, within(1e-15));
    assertThat(own.audio()).isCloseTo((400 * 40.0 + 300 * 80.0) / 1e6, within(1e-15));
    assertThat(own.total()).isCloseTo((500 * 2.5 + 100 * 1.25 + 200 * 10.0 + 400 * 40.0 + 300 * 80.0) / 1e6,
        within(1e-15));
    assertThat(plain.audio()).isCloseTo((400 * 2.5 + 300 * 10.0) / 1e6, within(1e-15));
    assertThat(plain.total()).isCloseTo((1_000 - 100) * 2.5 / 1e6 + 100 * 1.25 / 1e6 + 500 * 10.0 / 1e6,
        within(1e-15));
  }

  @Test
  void cost_audioAloneIsPriceable() {
    assertThat(SONNET.cost(new TokenCounts(null, null, null, null, null, null, 10L, null)).isPriced()).isTrue();
  }

  @Test
  void cost_isUnknownWithoutPriceableCounts() {
    assertThat(SONNET.cost(TokenCounts.NONE)).isEqualTo(SpanCost.NONE);
    assertThat(SONNET.cost(new TokenCounts(null, null, 500L, null, null, null))).isEqualTo(SpanCost.NONE);
  }

  @Test
  void cost_ofZeroTokensIsZeroNotUnknown() {
    assertThat(SONNET.cost(new TokenCounts(0L, 0L, 0L, null, null, null)).total()).isEqualTo(0.0);
  }

  @Test
  void prices_mustBeFiniteAndNotNegative() {
    assertThatThrownBy(() -> new TokenPrices(-1, 2, null, null, null)).hasMessageContaining("input");
    assertThatThrownBy(() -> new TokenPrices(1, Double.NaN, null, null, null)).hasMessageContaining("output");
    assertThatThrownBy(() -> new TokenPrices(1, 2, Double.POSITIVE_INFINITY, null, null))
        .hasMessageContaining("cache_read");
    assertThatThrownBy(() -> new TokenPrices(1, 2, null, null, null, -40.0, null)).hasMessageContaining("audio_input");
    assertThatThrownBy(() -> new TokenPrices(1, 2, null, null, null, null, Double.NaN))
        .hasMessageContaining("audio_output");
  }
}

package dev.arbor.model.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceListTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bundled_eachNameMatchesOnlyItsOwnPatternWithinItsProvider() {
    List<ModelPrice> prices = PriceList.bundled();

    assertThat(prices).hasSizeGreaterThan(30);
    assertThat(prices).extracting(ModelPrice::provider)
        .contains("openai", "azure", "anthropic", "google", "mistral", "aws", "deepseek");
    assertThat(prices).allSatisfy(p -> assertThat(p.pricesAsOf()).isNotNull());
    for (ModelPrice a : prices) {
      assertThat(ModelPrice.compile(a.pattern()).matcher(a.name()).matches())
          .as("%s matches its own pattern", a.name()).isTrue();
      for (ModelPrice b : prices) {
        if (a != b && a.provider().equals(b.provider())) {
          assertThat(ModelPrice.compile(b.pattern()).matcher(a.name()).matches())
              .as("%s must not match the pattern of %s", a.name(), b.name()).isFalse();
        }
      }
    }
  }

  @Test
  void bundled_pricesCacheReadsBelowInput() {
    PriceBook book = PriceBook.of(PriceList.bundled());

    TokenPrices sonnet = book.find("p", "anthropic", "claude-3-7-sonnet-20250219").orElseThrow().prices();
    TokenPrices mini = book.find("p", "openai", "gpt-4o-mini-2024-07-18").orElseThrow().prices();

    assertThat(sonnet.cacheReadOrInput()).isLessThan(sonnet.input());
    assertThat(mini.cacheReadOrInput()).isLessThan(mini.input());
  }

  @Test
  void parse_namesTheEntryAndFieldOfAMistake() throws Exception {
    assertThatThrownBy(() -> PriceList.parse(JSON.readTree("{\"models\":[{\"name\":\"a\",\"input\":1,\"output\":1},"
        + "{\"name\":\"b\",\"input\":1}]}"), PriceSource.FILE))
        .hasMessage("models[1].output: required, a number (US dollars per million tokens)");
    assertThatThrownBy(() -> PriceList.parse(JSON.readTree("{\"models\":[{\"name\":\"a\",\"pattern\":\"gpt-(\","
        + "\"input\":1,\"output\":1}]}"), PriceSource.FILE))
        .hasMessageStartingWith("models[0].pattern is not a valid regular expression");
    // A pattern that backtracks exponentially in java.util.regex is matched in linear time.
    PriceBook book = PriceBook.of(PriceList.parse(JSON.readTree("[{\"name\":\"evil\",\"pattern\":\"(a+)+x\","
        + "\"input\":1,\"output\":1}]"), PriceSource.FILE));
    assertThat(book.find("p", null, "a".repeat(5_000) + "!")).isEmpty();
    assertThatThrownBy(() -> PriceList.parse(JSON.readTree("{}"), PriceSource.FILE))
        .hasMessage("models: required, a list of prices");
  }

  @Test
  void parse_readsABareListWithProjectsAndDates() throws Exception {
    List<ModelPrice> prices = PriceList.parse(JSON.readTree("[{\"name\":\"ft:gpt-4o:acme\",\"project\":\"support\","
        + "\"provider\":\"OpenAI\",\"input\":3.75,\"output\":15,\"cache_read\":1.875,\"prices_as_of\":\"2025-06-01\"}]"),
        PriceSource.FILE);

    ModelPrice p = prices.get(0);
    assertThat(p.project()).isEqualTo("support");
    assertThat(p.provider()).isEqualTo("openai");
    assertThat(p.prices()).isEqualTo(new TokenPrices(3.75, 15, 1.875, null, null));
    assertThat(p.pricesAsOf()).hasToString("2025-06-01");
  }
}

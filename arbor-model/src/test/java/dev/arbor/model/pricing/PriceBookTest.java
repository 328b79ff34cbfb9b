package dev.arbor.model.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.TokenCounts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceBookTest {
  private static final TokenPrices P = new TokenPrices(1, 2, null, null, null);

  private static ModelPrice price(String provider, String name, String pattern, PriceSource source, String project,
      double input) {
    return new ModelPrice(null, project, provider, name, pattern, new TokenPrices(input, 2, null, null, null), source,
        null);
  }

  private static ModelPrice bundled(String provider, String name, String pattern, double input) {
    return price(provider, name, pattern, PriceSource.BUNDLED, null, input);
  }

  private static double inputOf(PriceBook book, String project, String provider, String model) {
    return book.find(project, provider, model).orElseThrow().prices().input();
  }

  @Test
  void find_matchesTheWholeNameSoAPrefixIsNotEnough() {
    PriceBook book = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o(?:-\\d{4}-\\d{2}-\\d{2})?", 2.5)));

    assertThat(book.find("p", "openai", "gpt-4o-2024-08-06")).isPresent();
    assertThat(book.find("p", "openai", "gpt-4o-mini")).isEmpty();
    assertThat(book.find("p", "openai", "my-gpt-4o")).isEmpty();
  }

  @Test
  void find_ignoresCaseAndAProviderPrefix() {
    PriceBook book = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o", 2.5)));

    assertThat(book.find("p", null, "GPT-4o")).isPresent();
    assertThat(book.find("p", null, "openai/gpt-4o")).isPresent();
  }

  @Test
  void find_keepsToTheSpansProviderUnderAnyOfItsNames() {
    PriceBook book = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o", 2.5),
        bundled("azure", "gpt-4o", "gpt-4o", 2.75)));

    assertThat(inputOf(book, "p", "azure.ai.openai", "gpt-4o")).isEqualTo(2.75);
    assertThat(inputOf(book, "p", "openai", "gpt-4o")).isEqualTo(2.5);
    assertThat(inputOf(book, "p", null, "gpt-4o")).as("unknown provider: the earlier entry").isEqualTo(2.5);
    assertThat(book.find("p", "anthropic", "gpt-4o")).isEmpty();
  }

  @Test
  void find_prefersProjectThenCustomThenProviderThenLongerPattern() {
    PriceBook book = PriceBook.of(List.of(
        bundled(null, "any-gpt", "gpt-.*", 1),
        bundled("openai", "gpt-4.1", "gpt-4\\.1.*", 2),
        price(null, "gpt-4.1", "gpt-4\\.1", PriceSource.FILE, null, 3),
        price(null, "gpt-4.1", "gpt-4\\.1", PriceSource.CUSTOM, null, 4),
        price(null, "gpt-4.1", "gpt-4\\.1", PriceSource.CUSTOM, "team-a", 5)));

    assertThat(inputOf(book, "team-a", "openai", "gpt-4.1")).isEqualTo(5);
    assertThat(inputOf(book, "team-b", "openai", "gpt-4.1")).isEqualTo(4);
    assertThat(inputOf(book, "team-b", "openai", "gpt-4.1-mini")).isEqualTo(2);
    assertThat(inputOf(book, "team-b", "openai", "gpt-3.5-turbo")).isEqualTo(1);
  }

  @Test
  void price_setsTheCostOrNoneWhenNoPriceMatches() {
    PriceBook book = PriceBook.of(List.of(new ModelPrice(null, null, null, "m", null, P, PriceSource.CUSTOM, null)));
    TokenCounts tokens = new TokenCounts(1_000_000L, 1_000_000L, null, null, null, null);

    Span priced = book.price(span("m", tokens));
    Span unknown = book.price(span("other", tokens));

    assertThat(priced.cost().total()).isEqualTo(3.0);
    assertThat(unknown.cost()).isEqualTo(SpanCost.NONE);
  }

  @Test
  void defaultPattern_isTheNameLiterallyOrItsDatedSnapshots() {
    PriceBook book = PriceBook.of(List.of(new ModelPrice(null, null, null, "gpt-4.1", null, P, PriceSource.CUSTOM,
        null)));

    assertThat(book.find("p", null, "gpt-4.1")).isPresent();
    assertThat(book.find("p", null, "gpt-4.1-2025-04-14")).isPresent();
    assertThat(book.find("p", null, "gpt-4.1-20250414")).isPresent();
    assertThat(book.find("p", null, "gpt-4.1-latest")).isPresent();
    assertThat(book.find("p", null, "gpt-4x1")).as("the dot is literal").isEmpty();
    assertThat(book.find("p", null, "gpt-4.1-mini")).isEmpty();
  }

  @Test
  void fingerprint_changesWithAnyPrice() {
    PriceBook one = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o", 2.5)));
    PriceBook same = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o", 2.5)));
    PriceBook other = PriceBook.of(List.of(bundled("openai", "gpt-4o", "gpt-4o", 2.0)));

    assertThat(one.fingerprint()).isEqualTo(same.fingerprint()).isNotEqualTo(other.fingerprint());
  }

  private static Span span(String model, TokenCounts tokens) {
    return Span.builder().traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331").name("chat")
        .llm(LlmFields.builder().modelNameIfAbsent(model).tokensIfAbsent(tokens).build()).build();
  }
}

package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.LlmFields;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.CostGroup;
import dev.arbor.store.CostTotal;
import dev.arbor.store.ProjectStats;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Costs as the store keeps them: written with the spans, summed into traces, sessions and project stats with
 * a count of unpriced spans, recomputed in place when a price changes (to exactly what pricing at ingest
 * gives), and the prices set through the API.
 */
public abstract class CostContract {
  private static final String PROJECT = "costs";
  private static final TokenPrices OLD = new TokenPrices(2.5, 10, 1.25, null, null);
  private static final TokenPrices NEW = new TokenPrices(3.0, 15, 0.3, 3.75, 20.0, 40.0, 80.0);

  /** Token counts that exercise each rule: cache reads and writes, reasoning, audio, details larger than totals. */
  private static final List<TokenCounts> TOKENS = List.of(
      new TokenCounts(1_000L, 200L, 1_200L, null, null, null),
      new TokenCounts(10_000L, 300L, null, 9_000L, 500L, null),
      new TokenCounts(100L, 1_000L, null, null, null, 800L),
      new TokenCounts(null, 50L, null, null, null, null),
      new TokenCounts(7L, 3L, 10L, 20L, null, 5L),
      new TokenCounts(123_456_789L, 98_765L, null, 3L, 1L, 11L),
      new TokenCounts(5_000L, 2_000L, null, 1_000L, null, 300L, 3_000L, 1_500L),
      new TokenCounts(null, null, null, null, null, null, 400L, null));
  /** How many spans trace 1 has: one per {@link #TOKENS}; trace 2's two follow them. */
  private static final int ONE = 8;

  protected SpanStore store;

  protected abstract SpanStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Span {@code n} of trace {@code trace}, root when {@code n == trace * 10}; priced with {@code prices}. */
  private static Span span(long trace, long n, String model, TokenCounts tokens, TokenPrices prices, String session) {
    Span span = Span.builder().project(PROJECT).traceId(TestSpans.traceId(trace)).spanId(TestSpans.spanId(n))
        .parentSpanId(n == trace * 10 ? null : TestSpans.spanId(trace * 10)).name("chat").kind(OtelKind.CLIENT)
        .startTimeUnixNano(TestSpans.T0 + n * 1_000_000L).endTimeUnixNano(TestSpans.T0 + n * 1_000_000L + 5_000)
        .statusCode(StatusCode.OK)
        .llm(LlmFields.builder().spanKindIfAbsent(SpanKind.LLM).modelNameIfAbsent(model).providerIfAbsent("openai")
            .tokensIfAbsent(tokens).sessionIdIfAbsent(session).build())
        .build();
    return span.toBuilder().cost(prices == null ? SpanCost.NONE : prices.cost(tokens)).build();
  }

  /** Trace 1: eight priced gpt-4o calls; trace 2: one gpt-4o call and one of a model without a price. */
  private List<Span> corpus(TokenPrices gpt4o) {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < TOKENS.size(); i++) {
      spans.add(span(1, 10 + i, "gpt-4o", TOKENS.get(i), gpt4o, "s-1"));
    }
    spans.add(span(2, 20, "gpt-4o", TOKENS.get(1), gpt4o, "s-1"));
    spans.add(span(2, 21, "in-house-llm", TOKENS.get(0), null, "s-1"));
    return spans;
  }

  private Map<String, Span> stored() {
    return store.traceSpans(TestSpans.traceId(1)).stream().map(StoredSpan::span)
        .collect(Collectors.toMap(Span::spanId, Function.identity()));
  }

  private TraceSummary trace(long n) {
    return store.findTraces(TraceQuery.newest(PROJECT, 10)).items().stream()
        .filter(t -> t.traceId().equals(TestSpans.traceId(n))).findFirst().orElseThrow();
  }

  private static double sum(List<Span> spans) {
    return spans.stream().filter(s -> s.cost().isPriced()).mapToDouble(s -> s.cost().total()).sum();
  }

  @Test
  public void write_keepsEachSpansCostAndSumsPricedSpansIntoTraceSessionAndProject() {
    List<Span> spans = corpus(OLD);
    store.write(spans);

    assertThat(stored().values()).extracting(Span::cost)
        .containsExactlyInAnyOrderElementsOf(spans.subList(0, ONE).stream().map(Span::cost).toList());
    TraceSummary one = trace(1);
    TraceSummary two = trace(2);
    assertThat(one.cost().cost()).isCloseTo(sum(spans.subList(0, ONE)), within(1e-12));
    assertThat(one.cost().unpricedSpans()).isZero();
    assertThat(two.cost().cost()).isCloseTo(sum(spans.subList(ONE, ONE + 2)), within(1e-12));
    assertThat(two.cost().unpricedSpans()).isEqualTo(1);
    SessionSummary session = store.findSession("s-1").orElseThrow();
    assertThat(session.cost().cost()).isCloseTo(sum(spans), within(1e-12));
    assertThat(session.cost().unpricedSpans()).isEqualTo(1);
    ProjectStats stats = store.projectStats(PROJECT, null, null);
    assertThat(stats.cost().cost()).isCloseTo(sum(spans), within(1e-12));
    assertThat(stats.cost().unpricedSpans()).isEqualTo(1);
  }

  @Test
  public void traceCost_isTheSameWhateverOrderAndBatchesSpansArriveIn() {
    List<Span> spans = corpus(OLD);
    for (int i = spans.size() - 1; i >= 0; i--) {
      store.write(List.of(spans.get(i)));
    }

    assertThat(trace(1).cost().cost()).isCloseTo(sum(spans.subList(0, ONE)), within(1e-12));
    assertThat(trace(2).cost()).isEqualTo(new CostTotal(trace(2).cost().cost(), 1));
  }

  @Test
  public void traceWithoutPricedSpans_hasNoCostNotZero() {
    store.write(List.of(span(3, 30, "in-house-llm", TOKENS.get(0), null, null)));

    assertThat(trace(3).cost()).isEqualTo(new CostTotal(null, 1));
  }

  @Test
  public void traces_sortByCost_unpricedLast_acrossPages() {
    store.write(corpus(OLD));
    store.write(List.of(span(3, 30, "in-house-llm", TOKENS.get(0), null, null)));
    double one = sum(corpus(OLD).subList(0, ONE));
    double two = sum(corpus(OLD).subList(ONE, ONE + 2));
    List<String> expected = one > two
        ? List.of(TestSpans.traceId(1), TestSpans.traceId(2), TestSpans.traceId(3))
        : List.of(TestSpans.traceId(2), TestSpans.traceId(1), TestSpans.traceId(3));

    List<String> order = new ArrayList<>();
    TraceQuery query = new TraceQuery(PROJECT, dev.arbor.store.PageRequest.first(1), null, null, null, List.of(),
        TraceQuery.Sort.COST, false, false);
    while (true) {
      var page = store.findTraces(query);
      page.items().forEach(t -> order.add(t.traceId()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      query = query.withPage(dev.arbor.store.PageRequest.of(page.nextCursor().getAsLong(), 1));
    }
    var filtered = store.findTraces(new TraceQuery(PROJECT, dev.arbor.store.PageRequest.first(10), null, null,
        dev.arbor.store.filter.Filter.parse(dev.arbor.store.filter.Scope.TRACE, "name == 'chat'"), List.of(),
        TraceQuery.Sort.COST, false, false));

    assertThat(order).containsExactlyElementsOf(expected);
    assertThat(filtered.items()).extracting(TraceSummary::traceId).containsExactlyElementsOf(expected);
  }

  @Test
  public void spans_sortByCost_unpricedAsMinusOne_acrossPages() {
    List<Span> written = new ArrayList<>(corpus(OLD));
    for (long n = 31; n <= 33; n++) {
      written.add(span(3, n, "gpt-4o", TOKENS.get(1), OLD, null)); // the cost of spans 11 and 20: five ties
    }
    store.write(written);
    java.util.Comparator<Span> byCost = java.util.Comparator.comparingDouble(
        (Span s) -> s.cost().isPriced() ? s.cost().total() : -1);
    List<String> highFirst = new ArrayList<>();
    List<StoredSpan> pages = new ArrayList<>();
    dev.arbor.store.SpanQuery query = dev.arbor.store.SpanQuery.of(PROJECT, 2)
        .sorted(dev.arbor.store.SpanQuery.Sort.COST, false);
    while (true) {
      var page = store.findSpans(query);
      page.items().forEach(s -> highFirst.add(s.span().spanId()));
      pages.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        break;
      }
      query = query.withPage(dev.arbor.store.PageRequest.of(page.nextCursor().getAsLong(), 2));
    }
    List<Span> stored = highFirst.stream().map(id -> written.stream().filter(s -> s.spanId().equals(id))
        .findFirst().orElseThrow()).toList();

    assertThat(highFirst).hasSize(written.size()).doesNotHaveDuplicates();
    assertThat(stored).isSortedAccordingTo(byCost.reversed());
    assertThat(stored.get(stored.size() - 1).cost().isPriced()).as("the unpriced call comes last").isFalse();
    // Equal costs (the corpus has some) in store order, newest first, across page boundaries.
    java.util.Comparator<StoredSpan> byCostThenId = java.util.Comparator.comparingDouble(
        (StoredSpan s) -> s.span().cost().isPriced() ? s.span().cost().total() : -1).thenComparingLong(StoredSpan::id);
    assertThat(pages).isSortedAccordingTo(byCostThenId.reversed());
  }

  @Test
  public void costGroups_areTheModelsWithTokensPerProjectAndProvider() {
    store.write(corpus(OLD));

    assertThat(store.costGroups()).containsExactlyInAnyOrder(
        new CostGroup(PROJECT, "openai", "gpt-4o", ONE + 1), new CostGroup(PROJECT, "openai", "in-house-llm", 1));
  }

  @Test
  public void recomputeCosts_givesExactlyWhatPricingAtIngestWould() {
    store.write(corpus(OLD));
    List<Span> expected = corpus(NEW);

    long updated = store.recomputeCosts(new CostGroup(PROJECT, "openai", "gpt-4o", ONE + 1), NEW);

    assertThat(updated).isEqualTo(ONE + 1);
    Map<String, Span> stored = stored();
    for (Span span : expected.subList(0, ONE)) {
      assertThat(stored.get(span.spanId()).cost()).as("span %s", span.spanId()).isEqualTo(span.cost());
    }
    assertThat(trace(1).cost().cost()).isCloseTo(sum(expected.subList(0, ONE)), within(1e-9));
    assertThat(trace(2).cost()).isEqualTo(new CostTotal(trace(2).cost().cost(), 1));
    assertThat(trace(2).cost().cost()).isCloseTo(sum(expected.subList(ONE, ONE + 2)), within(1e-12));
  }

  @Test
  public void recomputeCosts_rewritesOnlyTheSpansWhoseCostChanges() {
    store.write(corpus(NEW));
    TokenPrices reasoningDearer = new TokenPrices(3.0, 15, 0.3, 3.75, 25.0, 40.0, 80.0);
    List<Span> expected = corpus(reasoningDearer);
    long changing = java.util.stream.IntStream.range(0, ONE)
        .filter(i -> !expected.get(i).cost().equals(corpus(NEW).get(i).cost())).count();
    CostGroup gpt4o = new CostGroup(PROJECT, "openai", "gpt-4o", ONE + 1);

    assertThat(store.recomputeCosts(gpt4o, NEW)).as("the prices the spans were priced at").isZero();
    assertThat(store.recomputeCosts(new CostGroup(PROJECT, "openai", "in-house-llm", 1), null)).isZero();
    assertThat(store.recomputeCosts(gpt4o, reasoningDearer)).as("the spans with reasoning tokens")
        .isEqualTo(changing).isBetween(1L, ONE - 1L);

    Map<String, Span> stored = stored();
    for (Span span : expected.subList(0, ONE)) {
      assertThat(stored.get(span.spanId()).cost()).as("span %s", span.spanId()).isEqualTo(span.cost());
    }
    assertThat(trace(1).cost().cost()).isCloseTo(sum(expected.subList(0, ONE)), within(1e-9));
    assertThat(trace(2).cost()).isEqualTo(new CostTotal(trace(2).cost().cost(), 1));
  }

  @Test
  public void recomputeCosts_withoutAPriceMakesTheGroupUnpricedAndPricesANewlyKnownModel() {
    store.write(corpus(OLD));

    store.recomputeCosts(new CostGroup(PROJECT, "openai", "gpt-4o", ONE + 1), null);
    store.recomputeCosts(new CostGroup(PROJECT, "openai", "in-house-llm", 1), NEW);

    assertThat(stored().values()).allSatisfy(s -> assertThat(s.cost()).isEqualTo(SpanCost.NONE));
    assertThat(trace(1).cost()).isEqualTo(new CostTotal(null, ONE));
    assertThat(trace(2).cost()).isEqualTo(new CostTotal(NEW.cost(TOKENS.get(0)).total(), 1));
  }

  @Test
  public void prices_areCreatedUpdatedListedAndDeleted() {
    ModelPrice global = new ModelPrice(null, null, "OpenAI", "ft:gpt-4o:acme", null, OLD, PriceSource.CUSTOM,
        LocalDate.parse("2025-06-01"));
    ModelPrice scoped = new ModelPrice(null, "team-a", null, "in-house-llm", "in-house-llm(-v\\d+)?", NEW,
        PriceSource.CUSTOM, null);

    assertThatThrownBy(() -> store.prices().create(scoped)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("project not found: team-a");
    store.createProject("team-a", null);
    ModelPrice a = store.prices().create(global);
    ModelPrice b = store.prices().create(scoped);
    assertThat(store.prices().list()).containsExactly(global.withId(a.id()), scoped.withId(b.id()));

    ModelPrice changed = new ModelPrice(null, null, "openai", "ft:gpt-4o:acme", null, NEW, PriceSource.CUSTOM, null);
    assertThat(store.prices().update(a.id(), changed)).contains(changed.withId(a.id()));
    assertThat(store.prices().update(9_999, changed)).isEmpty();
    assertThat(store.prices().delete(b.id())).isTrue();
    assertThat(store.prices().delete(b.id())).isFalse();
    assertThat(store.prices().list()).containsExactly(changed.withId(a.id()));
  }

  @Test
  public void deleteProject_deletesItsPrices() {
    store.createProject("team-b", null);
    store.prices().create(new ModelPrice(null, "team-b", null, "m", null, OLD, PriceSource.CUSTOM, null));

    store.deleteProject("team-b");

    assertThat(store.prices().list()).isEmpty();
  }

  @Test
  public void facts_areKeptAndReplaced() {
    assertThat(store.prices().fact("pricing.fingerprint")).isEmpty();

    store.prices().putFact("pricing.fingerprint", "a");
    store.prices().putFact("pricing.fingerprint", "b");

    assertThat(store.prices().fact("pricing.fingerprint")).contains("b");
  }
}

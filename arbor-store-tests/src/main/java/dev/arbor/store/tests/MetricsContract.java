package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.LlmFields;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsQuery.GroupBy;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.SpanStore;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time series over spans, checked against the same figures computed here from the spans written: calls,
 * errors, every token type, cost with unpriced calls counted, and latency percentiles by nearest rank, per
 * bucket and group, with and without a filter.
 */
// Past 400 lines: the rollup checks compare the rollup answer with the raw one over this same corpus and its
// expected rows, so they stay beside the raw checks rather than in a second suite with a copy of the fixture.
public abstract class MetricsContract {
  private static final String PROJECT = "metrics";
  private static final long HOUR = 3_600_000_000_000L;
  /** Three hours, starting on an hour boundary. */
  private static final long T0 = 1_764_000_000_000_000_000L / HOUR * HOUR;
  private static final String[] MODELS = {"gpt-4o-mini", "claude-sonnet-4-5", "in-house-llm", null};
  private static final TokenPrices[] PRICES = {new TokenPrices(0.15, 0.6, 0.075, null, null),
      new TokenPrices(3, 15, 0.3, 3.75, null), null, null};

  protected SpanStore store;
  private List<Span> spans;

  /** The attribute whose text the rollups of {@link #newStore} keep: the agents' names of the corpus. */
  protected static final String ROLLED_UP_ATTRIBUTE = "agent.name";

  /** A store whose rollups keep {@link #ROLLED_UP_ATTRIBUTE}. */
  protected abstract SpanStore newStore();

  /**
   * Runs {@code sql} (unless null) on the store's database behind its back, then reopens it as a server starting on
   * that database would, its rollups keeping {@code rollupAttribute} (null: none).
   */
  protected abstract SpanStore reopen(SpanStore store, String rollupAttribute, String sql) throws Exception;

  /** Reopens the store without saying which attribute its rollups keep (the one-argument {@code open}). */
  protected abstract SpanStore reopenKeepingItsAttribute(SpanStore store) throws Exception;

  private SpanStore tamper(SpanStore store, String sql) throws Exception {
    return reopen(store, ROLLED_UP_ATTRIBUTE, sql);
  }

  @BeforeEach
  void fill() {
    store = newStore();
    spans = corpus();
    store.write(spans);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static List<Span> corpus() {
    Random random = new Random(5);
    List<Span> spans = new ArrayList<>();
    for (int n = 0; n < 600; n++) {
      int model = random.nextInt(MODELS.length);
      long start = T0 + (long) (random.nextDouble() * 3 * HOUR);
      long latency = (1 + random.nextInt(5000)) * 1_000_000L + random.nextInt(1_000_000);
      TokenCounts tokens = MODELS[model] == null ? TokenCounts.NONE : new TokenCounts(100L + random.nextInt(5000),
          10L + random.nextInt(800), null, random.nextBoolean() ? (long) random.nextInt(90) : null,
          random.nextInt(4) == 0 ? 7L : null, random.nextInt(3) == 0 ? 5L : null);
      if (PRICES[model] == null && MODELS[model] != null && n % 2 == 0) {
        // Audio alone: priceable, and unpriced here.
        tokens = new TokenCounts(null, null, null, null, null, null, 300L, null);
      }
      boolean error = random.nextInt(7) == 0;
      // The agent that made the call, as an attribute (absent on some); numbers and booleans read as their text.
      Object agent = switch (n % 5) {
        case 0 -> "triage";
        case 1 -> "summarizer";
        case 2 -> 429L;
        case 3 -> true;
        default -> null;
      };
      Span span = Span.builder().project(PROJECT).traceId(TestSpans.traceId(n / 3)).spanId(TestSpans.spanId(n))
          .parentSpanId(n % 3 == 0 ? null : TestSpans.spanId(n - n % 3)).name(n % 3 == 0 ? "agent" : "chat")
          .kind(OtelKind.INTERNAL).startTimeUnixNano(start).endTimeUnixNano(start + latency)
          .statusCode(error ? StatusCode.ERROR : StatusCode.OK)
          .statusMessage(error ? (random.nextBoolean() ? "429 Too Many Requests" : "timeout") : "")
          .attributes(attributes(agent, error ? n % 4 : -1))
          // Events holding what PostgreSQL's JSONB refuses (NaN, U+0000) still give their exception type.
          .events(!error || n % 3 == 0 ? List.of() : List.of(
              SpanEvent.of("retry", start + 1, java.util.Map.of("attempt", 1L, "backoff", n % 2 == 0 ? Double.NaN : 0.5)),
              SpanEvent.of("exception", start + 2, java.util.Map.of("exception.type",
                  n % 3 == 1 ? "RateLimitError" : "TimeoutError", "exception.message", n % 4 == 1 ? "fail\u0000ed" : "failed")),
              SpanEvent.of("exception", start + 3, java.util.Map.of("exception.type", "Wrapped"))))
          .llm(LlmFields.builder().spanKindIfAbsent(MODELS[model] == null ? SpanKind.CHAIN : SpanKind.LLM)
              .modelNameIfAbsent(MODELS[model]).tokensIfAbsent(tokens).build())
          .build();
      spans.add(PRICES[model] == null ? span : span.toBuilder().cost(PRICES[model].cost(tokens)).build());
    }
    return spans;
  }

  /**
   * The agent's name, and on failed calls an HTTP status under the current key (429), under the older one (503,
   * as text, as some exporters send it), or none.
   */
  private static java.util.Map<String, Object> attributes(Object agent, int http) {
    java.util.Map<String, Object> attributes = new java.util.HashMap<>();
    if (agent != null) {
      attributes.put(ROLLED_UP_ATTRIBUTE, agent);
    }
    if (http == 0) {
      attributes.put("http.response.status_code", 429L);
    } else if (http == 1) {
      attributes.put("http.status_code", "503");
    }
    return attributes;
  }

  private record Key(long bucket, String group) {}

  /** What the store must answer, computed from the spans. */
  private static List<MetricsRow> expected(List<Span> spans, long bucketNanos, Function<Span, String> group) {
    Map<Key, List<Span>> byKey = spans.stream().collect(Collectors.groupingBy(
        s -> new Key(Math.floorDiv(s.startTimeUnixNano(), bucketNanos) * bucketNanos, group.apply(s))));
    List<MetricsRow> rows = new ArrayList<>();
    byKey.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<Key, List<Span>> e) -> e.getKey().bucket())
            .thenComparing(e -> e.getKey().group(), Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(e -> rows.add(row(e.getKey(), e.getValue())));
    return rows;
  }

  private static MetricsRow row(Key key, List<Span> spans) {
    double[] latencies = spans.stream().mapToDouble(s -> (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1e6)
        .sorted().toArray();
    TokenCounts tokens = new TokenCounts(sum(spans, t -> t.prompt()), sum(spans, t -> t.completion()),
        sum(spans, t -> t.total()), sum(spans, t -> t.cacheRead()), sum(spans, t -> t.cacheWrite()),
        sum(spans, t -> t.reasoning()));
    List<Double> costs = spans.stream().map(s -> s.cost().total()).filter(Objects::nonNull).toList();
    long unpriced = spans.stream().filter(s -> !s.cost().isPriced() && s.llm().tokens().hasPriceableCounts()).count();
    return new MetricsRow(key.bucket(), key.group(), spans.size(),
        spans.stream().filter(s -> s.statusCode() == StatusCode.ERROR).count(), tokens,
        new dev.arbor.store.CostTotal(costs.isEmpty() ? null : costs.stream().mapToDouble(Double::doubleValue).sum(),
            unpriced),
        rank(latencies, 0.50), rank(latencies, 0.95), rank(latencies, 0.99), latencies[latencies.length - 1]);
  }

  private static double rank(double[] sorted, double q) {
    return sorted[(int) Math.ceil(q * sorted.length) - 1];
  }

  private static Long sum(List<Span> spans, Function<TokenCounts, Long> count) {
    List<Long> present = spans.stream().map(s -> count.apply(s.llm().tokens())).filter(Objects::nonNull).toList();
    return present.isEmpty() ? null : present.stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The store's exact answer (from the spans), after checking that its default answer (from rollups where they can
   * answer) agrees with it: the same rows, counts, token sums and unpriced calls, the cost to 1e-9, and latency
   * percentiles and maximum within 1%.
   */
  private Metrics metrics(MetricsQuery query) {
    Metrics exact = store.metrics(query.exactly(true));
    assertAgree(store.metrics(query), exact);
    return exact;
  }

  private static void assertAgree(Metrics fast, Metrics exact) {
    assertThat(fast.rows()).hasSameSizeAs(exact.rows());
    List<MetricsRow> fastRows = new ArrayList<>(fast.rows());
    List<MetricsRow> exactRows = new ArrayList<>(exact.rows());
    if (exact.total() != null || fast.total() != null) {
      assertThat(fast.total()).as("total").isNotNull();
      assertThat(exact.total()).as("total").isNotNull();
      fastRows.add(fast.total());
      exactRows.add(exact.total());
    }
    for (int i = 0; i < exactRows.size(); i++) {
      MetricsRow a = fastRows.get(i);
      MetricsRow e = exactRows.get(i);
      String row = "row " + i + " (" + e.bucketStartUnixNano() + ", " + e.group() + ")";
      assertThat(a.bucketStartUnixNano()).as("bucket of %s", row).isEqualTo(e.bucketStartUnixNano());
      assertThat(a.group()).as("group of %s", row).isEqualTo(e.group());
      assertThat(a.spans()).as("spans of %s", row).isEqualTo(e.spans());
      assertThat(a.errors()).as("errors of %s", row).isEqualTo(e.errors());
      assertThat(a.tokens()).as("tokens of %s", row).isEqualTo(e.tokens());
      assertThat(a.cost().unpricedSpans()).as("unpriced of %s", row).isEqualTo(e.cost().unpricedSpans());
      if (e.cost().cost() == null) {
        assertThat(a.cost().cost()).as("cost of %s", row).isNull();
      } else {
        assertThat(a.cost().cost()).as("cost of %s", row).isCloseTo(e.cost().cost(), within(1e-9));
      }
      double[][] latencies = {{a.latencyP50Ms(), e.latencyP50Ms()}, {a.latencyP95Ms(), e.latencyP95Ms()},
          {a.latencyP99Ms(), e.latencyP99Ms()}, {a.latencyMaxMs(), e.latencyMaxMs()}};
      for (double[] l : latencies) {
        assertThat(Math.abs(l[0] - l[1])).as("latency %s vs exact %s of %s", l[0], l[1], row)
            .isLessThanOrEqualTo(l[1] * 0.01);
      }
    }
  }

  private static void assertRows(List<MetricsRow> actual, List<MetricsRow> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      MetricsRow a = actual.get(i);
      MetricsRow e = expected.get(i);
      assertThat(a.bucketStartUnixNano()).as("bucket of row %d", i).isEqualTo(e.bucketStartUnixNano());
      assertThat(a.group()).as("group of row %d", i).isEqualTo(e.group());
      assertThat(a.spans()).isEqualTo(e.spans());
      assertThat(a.errors()).isEqualTo(e.errors());
      assertThat(a.tokens()).isEqualTo(e.tokens());
      assertThat(a.cost().unpricedSpans()).isEqualTo(e.cost().unpricedSpans());
      if (e.cost().cost() == null) {
        assertThat(a.cost().cost()).isNull();
      } else {
        assertThat(a.cost().cost()).isCloseTo(e.cost().cost(), within(1e-9));
      }
      assertThat(a.latencyP50Ms()).as("p50 of row %d", i).isCloseTo(e.latencyP50Ms(), within(1e-6));
      assertThat(a.latencyP95Ms()).as("p95 of row %d", i).isCloseTo(e.latencyP95Ms(), within(1e-6));
      assertThat(a.latencyP99Ms()).as("p99 of row %d", i).isCloseTo(e.latencyP99Ms(), within(1e-6));
      assertThat(a.latencyMaxMs()).isCloseTo(e.latencyMaxMs(), within(1e-6));
    }
  }

  @Test
  public void hourlyByModel_matchesTheSpans_andTheTotalIsOverTheWholeRange() {
    Metrics metrics = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3600, GroupBy.MODEL, null));

    assertRows(metrics.rows(), expected(spans, HOUR, s -> s.llm().modelName()));
    assertRows(List.of(metrics.total()), List.of(row(new Key(T0, null), spans)));
  }

  @Test
  public void oneBucketForTheWholeRange_ungrouped() {
    List<MetricsRow> rows = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3 * 3600, GroupBy.NONE, null))
        .rows();

    assertRows(rows, expected(spans, 3 * HOUR, s -> null));
  }

  @Test
  public void errorsByStatusMessage_inTenMinuteBuckets_withAFilter() {
    Filter errors = Filter.parse(Scope.SPAN, "status_code == 'ERROR'");
    List<MetricsRow> rows = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 600, GroupBy.STATUS_MESSAGE,
        errors)).rows();

    assertRows(rows, expected(spans.stream().filter(s -> s.statusCode() == StatusCode.ERROR).toList(), HOUR / 6,
        Span::statusMessage));
  }

  @Test
  public void byKindAndByStatus_andARangeCutsSpansOff() {
    long from = T0 + HOUR / 2;
    long to = T0 + 2 * HOUR;
    List<Span> inRange = spans.stream().filter(s -> s.startTimeUnixNano() >= from && s.startTimeUnixNano() < to)
        .toList();

    assertRows(metrics(MetricsQuery.of(PROJECT, from, to, 900, GroupBy.SPAN_KIND, null)).rows(),
        expected(inRange, HOUR / 4, s -> s.llm().spanKind().name()));
    assertRows(metrics(MetricsQuery.of(PROJECT, from, to, 900, GroupBy.STATUS, null)).rows(),
        expected(inRange, HOUR / 4, s -> s.statusCode().name()));
  }

  @Test
  public void total_isOneBucketStartingWithAnUnalignedRange() {
    long from = T0 + 1_234_567_890_123L;
    long to = T0 + 2 * HOUR + 987_654_321L;
    List<Span> inRange = spans.stream().filter(s -> s.startTimeUnixNano() >= from && s.startTimeUnixNano() < to)
        .toList();

    List<MetricsRow> rows = metrics(MetricsQuery.total(PROJECT, from, to, null)).rows();

    assertThat(rows).hasSize(1);
    MetricsRow expected = row(new Key(from, null), inRange);
    assertRows(rows, List.of(expected));
  }

  @Test
  public void byAttribute_groupsByItsTextWithSpansWithoutItInTheNullGroup() {
    Metrics metrics = metrics(MetricsQuery.byAttribute(PROJECT, T0, T0 + 3 * HOUR, 3600, ROLLED_UP_ATTRIBUTE, null));

    assertRows(metrics.rows(), expected(spans, HOUR, s -> {
      Object agent = s.attributes().get(ROLLED_UP_ATTRIBUTE);
      return agent == null ? null : agent.toString();
    }));
  }

  @Test
  public void errorsByExceptionType_theFirstExceptionEventCounts() {
    Filter errors = Filter.parse(Scope.SPAN, "status_code == 'ERROR'");
    Metrics metrics = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3 * 3600, GroupBy.EXCEPTION_TYPE,
        errors));

    assertRows(metrics.rows(), expected(spans.stream().filter(s -> s.statusCode() == StatusCode.ERROR).toList(),
        3 * HOUR, s -> s.events().stream().filter(e -> e.attributes().containsKey("exception.type")).findFirst()
            .map(e -> (String) e.attributes().get("exception.type")).orElse(null)));
  }

  @Test
  public void errorsByHttpStatus_readTheCurrentKeyThenTheOlderOne() {
    Filter errors = Filter.parse(Scope.SPAN, "status_code == 'ERROR'");
    Metrics metrics = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3 * 3600, GroupBy.HTTP_STATUS,
        errors));

    assertRows(metrics.rows(), expected(spans.stream().filter(s -> s.statusCode() == StatusCode.ERROR).toList(),
        3 * HOUR, s -> {
          Object status = s.attributes().getOrDefault("http.response.status_code", s.attributes().get("http.status_code"));
          return status == null ? null : status.toString();
        }));
    assertThat(metrics.rows()).extracting(MetricsRow::group).contains("429", "503", null);
  }

  private static final Filter FAILED = Filter.parse(Scope.SPAN, "status_code == 'ERROR'");

  /**
   * Queries the rollups can answer: whole hours, a range cut mid-hour at both ends, one bucket; every group (the
   * attribute they keep among them) without a filter or with one on what the keys hold, and the error breakdowns of
   * failed spans. Also some they must leave to the spans: an error breakdown of spans that did not all fail, a filter
   * on what the keys do not hold, and a split by an attribute they do not keep.
   */
  private List<MetricsQuery> rollupQueries() {
    List<MetricsQuery> queries = new ArrayList<>();
    List<Filter> onKeys = List.of(Filter.parse(Scope.SPAN, "llm.model_name in ['gpt-4o-mini', 'in-house-llm']"),
        Filter.parse(Scope.SPAN, "span_kind != 'LLM' or not (status_code == 'OK')"),
        Filter.parse(Scope.SPAN, "name == 'chat'"));
    List<Map.Entry<GroupBy, String>> groups = List.of(Map.entry(GroupBy.NONE, ""), Map.entry(GroupBy.SPAN_KIND, ""),
        Map.entry(GroupBy.MODEL, ""), Map.entry(GroupBy.STATUS, ""), Map.entry(GroupBy.NAME, ""),
        Map.entry(GroupBy.ATTRIBUTE, ROLLED_UP_ATTRIBUTE), Map.entry(GroupBy.ATTRIBUTE, "http.status_code"));
    for (Map.Entry<GroupBy, String> group : groups) {
      GroupBy by = group.getKey();
      String key = group.getValue().isEmpty() ? null : group.getValue();
      for (Filter filter : java.util.Arrays.asList(null, onKeys.get(0), onKeys.get(1), onKeys.get(2))) {
        queries.add(new MetricsQuery(PROJECT, T0, T0 + 3 * HOUR, 3600, 0, by, key, filter));
        queries.add(new MetricsQuery(PROJECT, T0 + HOUR / 3, T0 + 2 * HOUR + HOUR / 5, 3600, 0, by, key, filter));
        queries.add(MetricsQuery.whole(PROJECT, T0 + 1_234_567_890L, T0 + 3 * HOUR - 7, by, key, filter));
      }
    }
    for (GroupBy group : List.of(GroupBy.STATUS_MESSAGE, GroupBy.EXCEPTION_TYPE, GroupBy.HTTP_STATUS)) {
      Filter failedLlm = Filter.and(Filter.parse(Scope.SPAN, "span_kind == 'LLM'"), FAILED);
      queries.add(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3600, group, FAILED));
      queries.add(MetricsQuery.of(PROJECT, T0 + HOUR / 3, T0 + 2 * HOUR + HOUR / 5, 3600, group, failedLlm));
      queries.add(MetricsQuery.whole(PROJECT, T0 + 1_234_567_890L, T0 + 3 * HOUR - 7, group, null, FAILED));
      queries.add(MetricsQuery.whole(PROJECT, T0, T0 + 3 * HOUR, group, null, onKeys.get(0)));
    }
    queries.add(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3600, GroupBy.MODEL,
        Filter.parse(Scope.SPAN, "latency_ms > 2000")));
    return queries;
  }

  private void assertRollupsAgree(String after) {
    for (MetricsQuery q : rollupQueries()) {
      try {
        assertAgree(store.metrics(q), store.metrics(q.exactly(true)));
      } catch (AssertionError e) {
        throw new AssertionError("after " + after + ", " + q.groupBy() + " over [" + (q.startTimeUnixNano() - T0)
            + ", " + (q.endTimeUnixNano() - T0) + "): " + e.getMessage(), e);
      }
    }
  }

  @Test
  public void rollups_followEveryDeletionRecomputeAndCompaction() {
    assertRollupsAgree("writing");
    store.deleteTrace(TestSpans.traceId(3));
    assertRollupsAgree("deleting a trace");
    store.deleteSpan(TestSpans.spanId(100));
    assertRollupsAgree("deleting a span");
    store.retention().deleteBefore(PROJECT, T0 + HOUR + HOUR / 2);
    assertRollupsAgree("retention cutting an hour in two");
    var group = store.costGroups().stream().filter(g -> "gpt-4o-mini".equals(g.modelName())).findFirst().orElseThrow();
    store.recomputeCosts(group, new TokenPrices(1, 2, 0.5, null, null));
    store.recomputeCosts(store.costGroups().stream().filter(g -> "claude-sonnet-4-5".equals(g.modelName()))
        .findFirst().orElseThrow(), null);
    store.recomputeCosts(store.costGroups().stream().filter(g -> "in-house-llm".equals(g.modelName()))
        .findFirst().orElseThrow(), new TokenPrices(0.5, 1.5, null, null, null));
    assertRollupsAgree("repricing one model, unpricing another and pricing an unpriced one");
    store.write(corpus().subList(0, 50)); // already stored: nothing changes
    store.write(List.of(spans.get(0).toBuilder().spanId("00000000000fffff").build()));
    assertRollupsAgree("writing again");
    store.maintainRollups();
    assertRollupsAgree("compaction");
  }

  @Test
  public void spansStoredBeforeTheRollups_areRolledUpAfterwards() throws Exception {
    // What a database upgraded with spans in it looks like: no rollups, and the highest span id to roll up.
    store = tamper(store, "DELETE FROM span_rollups; INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans");

    assertRollupsAgree("the backfill at start");
    store.deleteTrace(TestSpans.traceId(7));
    assertRollupsAgree("a deletion after the backfill");
  }

  @Test
  public void errorBreakdownsAndFiltersOnTheKeys_areReadFromTheRollups() throws Exception {
    // Rollup rows that disagree with the spans show which answers come from them.
    store = tamper(store, "UPDATE span_rollups SET spans = spans + 1000");
    MetricsQuery byType = MetricsQuery.whole(PROJECT, T0, T0 + 3 * HOUR, GroupBy.EXCEPTION_TYPE, null, FAILED);
    MetricsQuery byModel = MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3600, GroupBy.MODEL,
        Filter.parse(Scope.SPAN, "llm.model_name == 'gpt-4o-mini'"));
    // A filter on the keys that selects spans that did not fail: their messages are not in the keys.
    MetricsQuery mixed = MetricsQuery.whole(PROJECT, T0, T0 + 3 * HOUR, GroupBy.STATUS_MESSAGE, null,
        Filter.parse(Scope.SPAN, "span_kind == 'LLM'"));
    MetricsQuery oneCallAcrossModels = MetricsQuery.whole(PROJECT, T0, T0 + 3 * HOUR, GroupBy.MODEL, null,
        Filter.parse(Scope.SPAN, "name == 'chat'"));
    MetricsQuery byAgent = MetricsQuery.byAttribute(PROJECT, T0, T0 + 3 * HOUR, 3600, ROLLED_UP_ATTRIBUTE, FAILED);
    // An attribute the rollups do not keep: the spans answer.
    MetricsQuery byOlderHttpStatus = MetricsQuery.byAttribute(PROJECT, T0, T0 + 3 * HOUR, 3600, "http.status_code",
        null);

    assertThat(store.metrics(byType).total().spans()).isGreaterThan(1000 + store.metrics(byType.exactly(true))
        .total().spans());
    assertThat(store.metrics(byModel).total().spans()).isGreaterThan(1000 + store.metrics(byModel.exactly(true))
        .total().spans());
    assertThat(store.metrics(oneCallAcrossModels).total().spans()).isGreaterThan(1000
        + store.metrics(oneCallAcrossModels.exactly(true)).total().spans());
    assertThat(store.metrics(byAgent).total().spans()).isGreaterThan(1000 + store.metrics(byAgent.exactly(true))
        .total().spans());
    assertThat(store.metrics(mixed)).as("spans that did not fail are not keyed by message")
        .isEqualTo(store.metrics(mixed.exactly(true)));
    assertThat(store.metrics(byOlderHttpStatus)).isEqualTo(store.metrics(byOlderHttpStatus.exactly(true)));
  }

  @Test
  public void aStoreUpgradedFromRollupsWithoutTheAttribute_rebuildsThem_andOpeningItAsItIsKeepsThem()
      throws Exception {
    // What the upgrade that added the attribute leaves: rows keyed by none, and no attribute recorded.
    store = reopen(store, ROLLED_UP_ATTRIBUTE, "UPDATE span_rollups SET attribute_value = NULL;"
        + " DELETE FROM store_facts WHERE name = 'rollup_attribute'");
    assertRollupsAgree("rebuilding an upgraded store's rollups");

    store = reopen(store, ROLLED_UP_ATTRIBUTE, "UPDATE span_rollups SET spans = spans + 1000");
    store = reopenKeepingItsAttribute(store);
    MetricsQuery byAgent = MetricsQuery.byAttribute(PROJECT, T0, T0 + 3 * HOUR, 3600, ROLLED_UP_ATTRIBUTE, null);
    assertThat(store.metrics(byAgent).total().spans()).as("not rebuilt, still read from the rollups")
        .isGreaterThan(1000 + store.metrics(byAgent.exactly(true)).total().spans());
  }

  @Test
  public void theInputAndOutputTexts_cannotBeKept_andTheStoreOpensAgainAfterwards() throws Exception {
    SpanStore closed = store;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reopen(closed, "input.value", null))
        .hasMessageContaining("column of its own");

    store = newStore();
    assertRollupsAgree("opening again after a refused attribute");
  }

  @Test
  public void aWriteTouchingMoreKeysThanOneStatementAppends_isRolledUpWhole() {
    // 1,234 hours, a key each: the rollup rows of one write go in several INSERT statements.
    List<Span> spread = new ArrayList<>();
    for (int n = 0; n < 1234; n++) {
      spread.add(spans.get(n % spans.size()).toBuilder().project("spread").traceId(TestSpans.traceId(10_000 + n))
          .spanId(TestSpans.spanId(10_000 + n)).parentSpanId(null).startTimeUnixNano(T0 + n * HOUR + n)
          .endTimeUnixNano(T0 + n * HOUR + n + 1_000_000L * (1 + n % 50)).build());
    }
    store.write(spread);

    MetricsQuery hourly = new MetricsQuery("spread", T0, T0 + 1234 * HOUR, 3600, 0, GroupBy.MODEL, null, null);
    assertThat(metrics(hourly).total().spans()).isEqualTo(1234);
  }

  @Test
  public void anotherRolledUpAttribute_rebuildsTheRollupsAtStart_andSplitsByItReadThem() throws Exception {
    // Rows that disagree with the spans, left behind by a store that kept the agent's name: the rebuild drops them.
    store = reopen(store, "http.status_code", "UPDATE span_rollups SET spans = spans + 1000");
    assertRollupsAgree("rebuilding for another attribute");
    Span late = spans.get(1).toBuilder().spanId("00000000000ffffe")
        .attributes(Map.of("http.status_code", "504", ROLLED_UP_ATTRIBUTE, "late")).build();
    store.write(List.of(late));
    store.deleteTrace(TestSpans.traceId(4));
    MetricsQuery byOlderHttpStatus = MetricsQuery.byAttribute(PROJECT, T0, T0 + 3 * HOUR, 3600, "http.status_code",
        null);
    assertThat(metrics(byOlderHttpStatus).rows()).extracting(MetricsRow::group).contains("503", "504", null);

    store = reopen(store, "http.status_code", "UPDATE span_rollups SET spans = spans + 1000");
    assertThat(store.metrics(byOlderHttpStatus).total().spans()).as("read from the rollups")
        .isGreaterThan(1000 + store.metrics(byOlderHttpStatus.exactly(true)).total().spans());

    store = reopen(store, null, null);
    assertRollupsAgree("rebuilding for no attribute");
  }

  @Test
  public void unknownProject_hasNoRows() {
    assertThat(metrics(MetricsQuery.of("nope", T0, T0 + HOUR, 60, GroupBy.NONE, null))).isEqualTo(Metrics.EMPTY);
  }

  @Test
  public void aFilterThatSelectsNothing_hasNoRowsAndNoTotal() {
    Metrics metrics = metrics(MetricsQuery.of(PROJECT, T0, T0 + 3 * HOUR, 3600, GroupBy.NONE,
        Filter.parse(Scope.SPAN, "name == 'nothing by this name'")));

    assertThat(metrics).isEqualTo(Metrics.EMPTY);
  }
}

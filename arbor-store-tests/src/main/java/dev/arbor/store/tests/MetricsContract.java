package dev.arbor.store.tests;

import static dev.arbor.store.tests.MetricsCorpus.HOUR;
import static dev.arbor.store.tests.MetricsCorpus.PROJECT;
import static dev.arbor.store.tests.MetricsCorpus.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time series over spans, checked against the same figures computed here from the spans written: calls,
 * errors, every token type, cost with unpriced calls counted, and latency percentiles by nearest rank, per
 * bucket and group, with and without a filter. Every answer is also checked against the store's exact one
 * ({@link MetricsCorpus#checkedExact}); {@link RollupContract} follows the rollups through every change.
 */
public abstract class MetricsContract {
  /** The attribute whose text the rollups of {@link #newStore} keep. */
  protected static final String ROLLED_UP_ATTRIBUTE = MetricsCorpus.ROLLED_UP_ATTRIBUTE;

  protected SpanStore store;
  private List<Span> spans;

  /** A store whose rollups keep {@link #ROLLED_UP_ATTRIBUTE}. */
  protected abstract SpanStore newStore();

  @BeforeEach
  void fill() {
    store = newStore();
    spans = MetricsCorpus.spans();
    store.write(spans);
  }

  @AfterEach
  void close() {
    store.close();
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


  private Metrics metrics(MetricsQuery query) {
    return MetricsCorpus.checkedExact(store, query);
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

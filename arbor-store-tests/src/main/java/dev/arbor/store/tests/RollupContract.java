package dev.arbor.store.tests;

import static dev.arbor.store.tests.MetricsCorpus.HOUR;
import static dev.arbor.store.tests.MetricsCorpus.PROJECT;
import static dev.arbor.store.tests.MetricsCorpus.T0;
import static dev.arbor.store.tests.MetricsCorpus.assertAgree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.Span;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsQuery.GroupBy;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.SpanStore;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboards' rollups (ADR 0013) against the store's exact answers, over {@link MetricsCorpus}'s spans: after
 * writes, every kind of deletion, retention, recomputes, compaction and backfills; which queries they answer; and the
 * attribute they keep, rebuilt when it changes.
 */
public abstract class RollupContract {
  /** The attribute whose text the rollups of {@link #newStore} keep. */
  protected static final String ROLLED_UP_ATTRIBUTE = MetricsCorpus.ROLLED_UP_ATTRIBUTE;

  protected SpanStore store;
  private List<Span> spans;

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
    spans = MetricsCorpus.spans();
    store.write(spans);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Metrics metrics(MetricsQuery query) {
    return MetricsCorpus.checkedExact(store, query);
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
    store.write(MetricsCorpus.spans().subList(0, 50)); // already stored: nothing changes
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
    assertThatThrownBy(() -> reopen(closed, "input.value", null))
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

}

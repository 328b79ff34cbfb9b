package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.AnnotationTarget;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.ProjectStats;
import dev.arbor.store.SessionQuery;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.UnknownTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Traces, sessions, annotations and deletions: the store SPI's read and change side ({@link ProjectContract}). */
public abstract class QueryContract {
  protected SpanStore store;

  protected abstract SpanStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Span {@code n} of trace {@code trace}: an LLM call with tokens, in a session, optionally failed. */
  static Span llm(long trace, long n, String parent, String session, boolean error) {
    Span base = TestSpans.span("p", trace, n);
    return base.toBuilder().parentSpanId(parent).statusCode(error ? StatusCode.ERROR : StatusCode.OK)
        .llm(LlmFields.builder().spanKindIfAbsent(SpanKind.LLM).sessionIdIfAbsent(session)
            .tokensIfAbsent(new TokenCounts(10L, 5L, 15L, null, null, null)).build())
        .build();
  }

  @Test
  public void projectStats_countTracesErrorsAndTokens_withNearestRankLatencyPercentiles() {
    long[] latenciesMs = {400, 100, 5000, 300, 200, 600, 500};
    List<Span> spans = new ArrayList<>();
    for (int t = 0; t < latenciesMs.length; t++) {
      Span root = llm(t, t * 10L, null, null, false);
      spans.add(root.toBuilder().endTimeUnixNano(root.startTimeUnixNano() + latenciesMs[t] * 1_000_000L).build());
      spans.add(llm(t, t * 10L + 1, root.spanId(), null, t == 2 || t == 5));
    }
    Span late = llm(99, 10_000, null, null, true);
    spans.add(late);
    store.write(spans);

    ProjectStats all = store.projectStats("p", null, null);
    assertThat(all.traceCount()).isEqualTo(8);
    assertThat(all.errorTraceCount()).isEqualTo(3);
    assertThat(all.tokens()).isEqualTo(new TokenCounts(150L, 75L, 225L, null, null, null));
    assertThat(all.lastEndTimeUnixNano()).isEqualTo(late.endTimeUnixNano());

    ProjectStats window = store.projectStats("p", null, late.startTimeUnixNano());
    assertThat(window.traceCount()).isEqualTo(7);
    // Sorted: 100 200 300 400 500 600 5000. Rank ceil(0.5 × 7) = 4 and ceil(0.99 × 7) = 7.
    assertThat(window.latencyP50Ms()).isEqualTo(400.0);
    assertThat(window.latencyP99Ms()).isEqualTo(5000.0);
    assertThat(store.projectStats("p", late.startTimeUnixNano(), null).latencyP50Ms()).isEqualTo(0.5);
    assertThat(store.projectStats("nowhere", null, null)).isEqualTo(ProjectStats.EMPTY);
    store.createProject("empty", null);
    assertThat(store.projectStats("empty", null, null)).isEqualTo(ProjectStats.EMPTY);
  }

  @Test
  public void traceRollups_coverEverySpan_evenWhenChildrenArriveBeforeTheirParent() {
    String root = TestSpans.spanId(1);
    store.write(List.of(llm(1, 3, TestSpans.spanId(2), null, true)));
    assertThat(store.findTraces(TraceQuery.newest("p", 10)).items()).as("no root yet").isEmpty();
    store.write(List.of(llm(1, 2, root, null, false)));
    store.write(List.of(llm(1, 1, null, null, false)));

    TraceSummary trace = store.findTraces(TraceQuery.newest("p", 10)).items().get(0);

    assertThat(trace.root().span().spanId()).isEqualTo(root);
    assertThat(trace.spanCount()).isEqualTo(3);
    assertThat(trace.errorCount()).isEqualTo(1);
    assertThat(trace.tokens()).isEqualTo(new TokenCounts(30L, 15L, 45L, null, null, null));
    assertThat(trace.startTimeUnixNano()).isEqualTo(TestSpans.span("p", 1, 1).startTimeUnixNano());
    assertThat(trace.endTimeUnixNano()).isEqualTo(TestSpans.span("p", 1, 3).endTimeUnixNano());
  }

  @Test
  public void traces_pageNewestFirst_withoutLossOrRepeat_andCarryTheirSpansOnRequest() {
    List<Span> spans = new ArrayList<>();
    for (long t = 0; t < 25; t++) {
      spans.add(llm(t, t * 10, null, null, false));
      spans.add(llm(t, t * 10 + 1, TestSpans.spanId(t * 10), null, false));
    }
    store.write(spans);
    List<String> expected = new ArrayList<>();
    for (long t = 24; t >= 0; t--) {
      expected.add(TestSpans.traceId(t));
    }
    // Unfiltered, filtered on the root span, and filtered on the trace's totals: the three ways a store may
    // answer the trace list page the same way.
    for (String filter : new String[] {null, "status_code == 'OK'", "span_count == 2"}) {
      List<String> seen = new ArrayList<>();
      TraceQuery query = TraceQuery.newest("p", 7);
      if (filter != null) {
        query = query.withFilter(dev.arbor.store.filter.Filter.parse(dev.arbor.store.filter.Scope.TRACE, filter));
      }
      while (true) {
        Page<TraceSummary> page = store.findTraces(query);
        page.items().forEach(t -> seen.add(t.traceId()));
        if (page.nextCursor().isEmpty()) {
          break;
        }
        query = query.withPage(PageRequest.of(page.nextCursor().getAsLong(), 7));
      }
      assertThat(seen).as(filter == null ? "unfiltered" : filter).isEqualTo(expected);
    }

    TraceQuery withSpans = new TraceQuery("p", PageRequest.first(1), null, null, null, List.of(),
        TraceQuery.Sort.START_TIME, true, true);
    TraceSummary oldest = store.findTraces(withSpans).items().get(0);
    assertThat(oldest.traceId()).isEqualTo(TestSpans.traceId(0));
    assertThat(oldest.spans()).extracting(s -> s.span().spanId())
        .containsExactly(TestSpans.spanId(0), TestSpans.spanId(1));
  }

  @Test
  public void traces_withSpans_holdTheirProjectsSpansOfEveryDay_inStartOrder() {
    long day = 86_400_000_000_000L;
    Span root = llm(1, 10, null, null, false);
    // A child that starts a day before its root (a skewed clock) and one two days after it: other day partitions.
    Span early = llm(1, 11, root.spanId(), null, true).toBuilder().startTimeUnixNano(root.startTimeUnixNano() - day)
        .endTimeUnixNano(root.startTimeUnixNano() - day + 1_000).build();
    Span late = llm(1, 12, root.spanId(), null, false).toBuilder()
        .startTimeUnixNano(root.startTimeUnixNano() + 2 * day).endTimeUnixNano(root.startTimeUnixNano() + 2 * day + 1)
        .build();
    Span newer = llm(2, 20, null, null, false).toBuilder().startTimeUnixNano(root.startTimeUnixNano() + 3 * day)
        .endTimeUnixNano(root.startTimeUnixNano() + 3 * day + 1_000).build();
    // Another project sent a span of the same trace id, within the trace's time.
    Span elsewhere = TestSpans.span("q", 1, 13).toBuilder().startTimeUnixNano(root.startTimeUnixNano() + day)
        .endTimeUnixNano(root.startTimeUnixNano() + day + 1).build();
    store.write(List.of(late, newer, elsewhere));
    store.write(List.of(root, early));

    List<TraceSummary> traces = store.findTraces(new TraceQuery("p", PageRequest.first(10), null, null, null,
        List.of(), TraceQuery.Sort.START_TIME, false, true)).items();

    assertThat(traces).extracting(TraceSummary::traceId).containsExactly(TestSpans.traceId(2), TestSpans.traceId(1));
    assertThat(traces.get(0).spans()).extracting(s -> s.span().spanId()).containsExactly(newer.spanId());
    assertThat(traces.get(1).spans()).extracting(s -> s.span().spanId())
        .containsExactly(early.spanId(), root.spanId(), late.spanId());
    assertThat(traces.get(1).root().span().spanId()).isEqualTo(root.spanId());
    assertThat(store.traceSpans(TestSpans.traceId(1))).as("the trace view's spans, of every project")
        .extracting(s -> s.span().spanId()).containsExactly(early.spanId(), root.spanId(), elsewhere.spanId(),
            late.spanId());
  }

  @Test
  public void spans_sortByStoreOrderStartOrLatency_eitherWay_acrossPagesWithTies() {
    // Written out of start order, with starts that tie in pairs and latencies in threes: the id breaks every tie.
    List<Span> spans = new ArrayList<>();
    for (long n = 0; n < 20; n++) {
      long startMs = (n * 7) % 20 / 2; // starts tie in pairs
      Span base = llm(n, n, null, null, false);
      long start = TestSpans.T0 + startMs * 1_000_000L;
      spans.add(base.toBuilder().startTimeUnixNano(start).endTimeUnixNano(start + (n % 3) * 1_000_000L).build());
    }
    for (Span span : spans) {
      store.write(List.of(span));
    }
    List<StoredSpan> all = store.findSpans(SpanQuery.of("p", 100)).items();
    java.util.function.ToLongFunction<StoredSpan> latency =
        s -> s.span().endTimeUnixNano() - s.span().startTimeUnixNano();
    Map<SpanQuery.Sort, java.util.Comparator<StoredSpan>> keys = Map.of(
        SpanQuery.Sort.STORED, java.util.Comparator.comparingLong(StoredSpan::id),
        SpanQuery.Sort.START_TIME, java.util.Comparator.comparingLong((StoredSpan s) -> s.span().startTimeUnixNano())
            .thenComparingLong(StoredSpan::id),
        SpanQuery.Sort.LATENCY, java.util.Comparator.comparingLong(latency).thenComparingLong(StoredSpan::id));

    for (var key : keys.entrySet()) {
      for (boolean ascending : new boolean[] {true, false}) {
        List<Long> expected = all.stream().sorted(ascending ? key.getValue() : key.getValue().reversed())
            .map(StoredSpan::id).toList();
        SpanQuery query = new SpanQuery("p", PageRequest.first(3), null, null, null, key.getKey(), ascending);
        assertThat(allPages(query)).as(key.getKey() + (ascending ? " ascending" : " descending"))
            .isEqualTo(expected);
      }
    }
    SpanQuery slowOk = SpanQuery.of("p", 3).withFilter(dev.arbor.store.filter.Filter.parse(
        dev.arbor.store.filter.Scope.SPAN, "latency_ms >= 1")).sorted(SpanQuery.Sort.LATENCY, false);
    assertThat(allPages(slowOk)).as("filtered").isEqualTo(all.stream().filter(s -> latency.applyAsLong(s) > 0)
        .sorted(keys.get(SpanQuery.Sort.LATENCY).reversed()).map(StoredSpan::id).toList());
  }

  /** The ids of every page of a span query, in order. */
  private List<Long> allPages(SpanQuery first) {
    List<Long> ids = new ArrayList<>();
    SpanQuery query = first;
    while (true) {
      Page<StoredSpan> page = store.findSpans(query);
      page.items().forEach(s -> ids.add(s.id()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      query = query.withPage(PageRequest.of(page.nextCursor().getAsLong(), first.page().limit()));
    }
  }

  @Test
  public void sessions_areListedInTheOrderFirstSeen_withRollupsOverTheirTraces() {
    store.write(List.of(llm(1, 1, null, "s-a", false), llm(1, 2, TestSpans.spanId(1), null, true),
        llm(2, 3, null, "s-b", false), llm(3, 4, null, "s-a", false)));

    Page<SessionSummary> sessions = store.findSessions(new SessionQuery("p", PageRequest.first(10), false));

    assertThat(sessions.items()).extracting(SessionSummary::sessionId).containsExactly("s-a", "s-b");
    SessionSummary a = sessions.items().get(0);
    assertThat(a.traces()).extracting(SessionSummary.TraceRef::traceId)
        .containsExactly(TestSpans.traceId(1), TestSpans.traceId(3));
    assertThat(a.spanCount()).as("the child without session.id counts too").isEqualTo(3);
    assertThat(a.errorCount()).isEqualTo(1);
    assertThat(a.tokens().total()).isEqualTo(45L);
    assertThat(store.findSession("s-b")).get().extracting(SessionSummary::id).isEqualTo(sessions.items().get(1).id());
    assertThat(store.findSession(a.id())).get().extracting(SessionSummary::sessionId).isEqualTo("s-a");
    assertThat(store.findSessions(new SessionQuery("p", PageRequest.first(1), true)).items())
        .extracting(SessionSummary::sessionId).containsExactly("s-b");
  }

  @Test
  public void sessions_canBeNarrowedToThoseWithATraceInAWindowSelectedByAFilter() {
    // s-a: trace 1 (a failed child) and trace 3; s-b: trace 2; s-c: trace 4, the latest.
    store.write(List.of(llm(1, 1, null, "s-a", false), llm(1, 2, TestSpans.spanId(1), null, true),
        llm(2, 3, null, "s-b", false), llm(3, 4, null, "s-a", false), llm(4, 10, null, "s-c", false)));
    long fourth = TestSpans.span("p", 3, 4).startTimeUnixNano();
    java.util.function.BiFunction<Long, String, List<String>> sessions = (start, filter) -> {
      List<String> ids = new ArrayList<>();
      SessionQuery query = new SessionQuery("p", PageRequest.first(1), true, start, null, filter == null ? null
          : dev.arbor.store.filter.Filter.parse(dev.arbor.store.filter.Scope.TRACE, filter));
      while (true) {
        Page<SessionSummary> page = store.findSessions(query);
        page.items().forEach(x -> ids.add(x.sessionId()));
        if (page.nextCursor().isEmpty()) {
          return ids;
        }
        query = new SessionQuery("p", PageRequest.of(page.nextCursor().getAsLong(), 1), true, start, null,
            query.filter());
      }
    };

    assertThat(sessions.apply(fourth, null)).containsExactly("s-c", "s-a");
    assertThat(sessions.apply(null, "error_count > 0")).containsExactly("s-a");
    assertThat(sessions.apply(fourth, "error_count > 0")).as("one trace must be in the window and selected").isEmpty();
    assertThat(sessions.apply(null, "status_code == 'OK' and span_count == 1")).containsExactly("s-c", "s-b", "s-a");
    assertThat(sessions.apply(null, null)).containsExactly("s-c", "s-b", "s-a");
    assertThatThrownBy(() -> new SessionQuery("p", PageRequest.first(1), true, null, null,
        dev.arbor.store.filter.Filter.parse(dev.arbor.store.filter.Scope.SPAN, "latency_ms > 1")))
        .hasMessageContaining("trace filter");
  }

  @Test
  public void traces_canBeLimitedToSessions() {
    store.write(List.of(llm(1, 1, null, "s-a", false), llm(2, 2, null, "s-b", false)));

    TraceQuery query = new TraceQuery("p", PageRequest.first(10), null, null, null, List.of("s-b"),
        TraceQuery.Sort.START_TIME, false, false);

    assertThat(store.findTraces(query).items()).extracting(TraceSummary::traceId).containsExactly(TestSpans.traceId(2));
  }

  private static AnnotationInput annotation(String spanId, String name, String identifier, double score) {
    return new AnnotationInput(AnnotationTarget.SPAN, spanId, null, name, "CODE", "label", score, null,
        Map.of("k", "v"), identifier, null);
  }

  @Test
  public void annotations_upsertOnNameAndIdentifier_andFilterByNames() {
    String span = TestSpans.spanId(1);
    store.write(List.of(llm(1, 1, null, null, false)));

    List<Long> first = store.upsertAnnotations(List.of(annotation(span, "quality", "", 0.1)));
    List<Long> again = store.upsertAnnotations(List.of(annotation(span, "quality", "", 0.9),
        annotation(span, "quality", "run-2", 0.5), annotation(span, "tone", "", 1.0)));

    assertThat(again.get(0)).as("same name and identifier: updated in place").isEqualTo(first.get(0));
    Page<Annotation> all = store.findAnnotations(new AnnotationQuery("p", AnnotationTarget.SPAN, List.of(span),
        List.of(), List.of(), List.of(), PageRequest.first(10)));
    assertThat(all.items()).hasSize(3);
    assertThat(all.items()).filteredOn(a -> a.id() == first.get(0)).singleElement()
        .satisfies(a -> assertThat(a.input().score()).isEqualTo(0.9));
    assertThat(store.findAnnotations(new AnnotationQuery("p", AnnotationTarget.SPAN, List.of(), List.of(),
        List.of(), List.of("quality"), PageRequest.first(10))).items())
        .extracting(a -> a.input().name()).containsExactly("tone");
  }

  @Test
  public void annotations_onUnknownTargets_storeNothing() {
    store.write(List.of(llm(1, 1, null, null, false)));

    assertThatThrownBy(() -> store.upsertAnnotations(List.of(annotation(TestSpans.spanId(1), "q", "", 1),
        annotation("00000000000000ff", "q", "", 1))))
        .isInstanceOf(UnknownTargetException.class).hasMessageContaining("00000000000000ff");
    assertThat(store.findAnnotations(new AnnotationQuery("p", AnnotationTarget.SPAN, List.of(), List.of(), List.of(),
        List.of(), PageRequest.first(10))).items()).isEmpty();
  }

  @Test
  public void deletingASpanTraceOrSession_removesItAndItsAnnotations() {
    store.write(List.of(llm(1, 1, null, "s-a", false), llm(1, 2, TestSpans.spanId(1), null, false),
        llm(2, 3, null, "s-b", false), llm(3, 4, null, null, false)));
    store.upsertAnnotations(List.of(annotation(TestSpans.spanId(4), "q", "", 1)));

    assertThat(store.deleteSpan(TestSpans.spanId(4))).isTrue();
    assertThat(store.deleteSpan(TestSpans.spanId(4))).isFalse();
    assertThat(store.findAnnotations(new AnnotationQuery("p", AnnotationTarget.SPAN, List.of(), List.of(), List.of(),
        List.of(), PageRequest.first(10))).items()).isEmpty();
    assertThat(store.deleteTrace(TestSpans.traceId(2))).isTrue();
    assertThat(store.deleteSessions(List.of("s-a", "unknown"))).isEqualTo(1);

    assertThat(store.findSpans(SpanQuery.of("p", 100)).items()).isEmpty();
    assertThat(store.findSession("s-a")).isEmpty();
    assertThat(store.traceSpans(TestSpans.traceId(1))).isEmpty();
  }
}

package dev.arbor.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chains dashboard's figures, against values worked out by hand from four small traces. */
class ChainStatsTest {
  private static final long MS = 1_000_000L;
  private static long ids;

  private static Span span(String trace, String id, String parent, String name, long startMs, long endMs) {
    return Span.builder().project("p").traceId(trace).spanId(id).parentSpanId(parent).name(name)
        .kind(OtelKind.INTERNAL).startTimeUnixNano(startMs * MS).endTimeUnixNano(endMs * MS)
        .statusCode(StatusCode.OK).build();
  }

  private static TraceSummary trace(Span... spans) {
    List<StoredSpan> stored = new ArrayList<>();
    for (Span s : spans) {
      stored.add(new StoredSpan(++ids, s));
    }
    return new TraceSummary(spans[0].traceId(), stored.get(0), 0, 0, spans.length, 0, TokenCounts.NONE,
        CostTotal.NONE, stored);
  }

  /** Seed 004's pipeline: phases 1 and 2 in turn, then 3a and 3b side by side. */
  private static final TraceSummary PIPELINE = trace(
      span("a", "r", null, "Process Tickets", 0, 10_000),
      span("a", "p1", "r", "Phase 1", 10, 1_000),
      span("a", "g", "p1", "GET ticket", 20, 400),
      span("a", "t", "p1", "ticket T-404", 420, 900),
      span("a", "p2", "r", "Phase 2", 1_000, 3_000),
      span("a", "p3a", "r", "Phase 3a", 3_000, 7_000),
      span("a", "c", "p3a", "categorize", 3_100, 6_500),
      span("a", "p3b", "r", "Phase 3b", 3_500, 8_000),
      span("a", "k", "p3b", "lookup_kb", 3_600, 4_200));
  private static final TraceSummary ONE_SPAN = trace(span("b", "s", null, "answer", 0, 800));
  /** Two calls of one name, one after the other. */
  private static final TraceSummary TWO_CALLS = trace(
      span("c", "x", null, "agent", 0, 1_000),
      span("c", "a1", "x", "llm", 0, 400),
      span("c", "b1", "x", "llm", 500, 1_000));
  /** A span whose parent was never stored counts as a root. */
  private static final TraceSummary ORPHAN = trace(span("d", "y", "ffffffffffffffff", "orphan", 0, 100));

  @Test
  void depthDurationAndSize_areNearestRankOverTheTraces() {
    ChainStats stats = ChainStats.of(List.of(PIPELINE, ONE_SPAN, TWO_CALLS, ORPHAN));

    assertThat(stats.traces()).isEqualTo(4);
    // Depths 3, 1, 2, 1: sorted 1 1 2 3, rank ceil(0.5 × 4) = 2 and ceil(0.95 × 4) = 4.
    assertThat(stats.depth()).isEqualTo(new ChainStats.Summary(1, 3, 3));
    assertThat(stats.durationMs()).isEqualTo(new ChainStats.Summary(800, 10_000, 10_000));
    assertThat(stats.spans()).isEqualTo(new ChainStats.Summary(1, 9, 9));
  }

  @Test
  void parallelism_isTheLeavesSummedTimeOverTheTimeAnyRuns() {
    ChainStats stats = ChainStats.of(List.of(PIPELINE, ONE_SPAN, TWO_CALLS, ORPHAN));

    // The pipeline's leaves: 380 + 480 + 2000 + 3400 + 600 ms, over 6260 ms (lookup_kb runs inside categorize).
    double pipeline = 6_860.0 / 6_260.0;
    assertThat(stats.meanConcurrency()).isCloseTo((pipeline + 1 + 1 + 1) / 4, within(1e-12));
    assertThat(stats.peakConcurrency()).isEqualTo(2);
    assertThat(stats.parallelTraces()).isEqualTo(1);
  }

  @Test
  void criticalPath_namesTheSpansThatMadeEachTraceAsSlowAsItWas() {
    ChainStats stats = ChainStats.of(List.of(PIPELINE, ONE_SPAN, TWO_CALLS, ORPHAN));

    // Pipeline: 3b ends last, then its lookup_kb; 3a ends after 3b started, so it is not on the path; then phase 2,
    // phase 1 and both of its children. Two calls: both llm spans (one trace, mean of 400 and 500 ms).
    assertThat(stats.criticalPath()).containsExactly(
        new ChainStats.OnPath("Phase 3b", 1, 0.25, 4_500),
        new ChainStats.OnPath("Phase 2", 1, 0.25, 2_000),
        new ChainStats.OnPath("Phase 1", 1, 0.25, 990),
        new ChainStats.OnPath("lookup_kb", 1, 0.25, 600),
        new ChainStats.OnPath("ticket T-404", 1, 0.25, 480),
        new ChainStats.OnPath("llm", 1, 0.25, 450),
        new ChainStats.OnPath("GET ticket", 1, 0.25, 380));
  }

  @Test
  void noTraces_giveZeros() {
    ChainStats stats = ChainStats.of(List.of());

    assertThat(stats.traces()).isZero();
    assertThat(stats.depth()).isEqualTo(new ChainStats.Summary(0, 0, 0));
    assertThat(stats.criticalPath()).isEmpty();
  }
}

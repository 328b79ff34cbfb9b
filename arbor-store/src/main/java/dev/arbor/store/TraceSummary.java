package dev.arbor.store;

import dev.arbor.model.TokenCounts;
import java.util.List;
import java.util.Objects;

/**
 * A trace with its roll-ups, computed over every span of the trace that is stored (so they are right
 * whatever order the spans arrived in): its root span, the first start and last end of any span, how many
 * spans and how many with status ERROR, token totals (each null when no span reported it) and its cost.
 * {@code spans} is empty unless the query asked for them.
 */
public record TraceSummary(String traceId, StoredSpan root, long startTimeUnixNano, long endTimeUnixNano,
    long spanCount, long errorCount, TokenCounts tokens, CostTotal cost, List<StoredSpan> spans) {
  public TraceSummary {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(cost, "cost");
    spans = spans == null ? List.of() : List.copyOf(spans);
  }

  /** The trace's latency as Phoenix reports it: its root span's. */
  public double latencyMs() {
    return (root.span().endTimeUnixNano() - root.span().startTimeUnixNano()) / 1e6;
  }
}

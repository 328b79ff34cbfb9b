package dev.arbor.store;

import dev.arbor.model.TokenCounts;
import java.util.List;
import java.util.Objects;

/**
 * A session (the spans that share a {@code session.id} within a project) with its roll-ups over every
 * stored span: first start, last end, span and error counts, token totals, cost, and its traces in start order.
 * {@code id} is the store's, given when the session was first seen.
 */
public record SessionSummary(long id, String project, String sessionId, long startTimeUnixNano,
    long endTimeUnixNano, long spanCount, long errorCount, TokenCounts tokens, CostTotal cost, List<TraceRef> traces) {
  public SessionSummary {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(cost, "cost");
    traces = List.copyOf(traces);
  }

  /** One trace of a session; {@code rootId} is the store id of its root span, or null while it has none. */
  public record TraceRef(String traceId, Long rootId, long startTimeUnixNano, long endTimeUnixNano) {}
}

package dev.arbor.server.pricing;

import java.time.Instant;

/**
 * Where the recompute of stored costs after a price change stands: {@code state} is {@code idle} (costs match
 * the prices), {@code running} or {@code failed} (with {@code error}; it is retried on the next change or
 * start). Groups are the (project, provider, model) groups of spans; only those whose price changed are
 * recomputed, and counted in {@code groupsTotal}.
 */
public record RecomputeStatus(String state, int groupsDone, int groupsTotal, long spansUpdated, Instant startedAt,
    Instant finishedAt, String error) {
  static final RecomputeStatus IDLE = new RecomputeStatus("idle", 0, 0, 0, null, null, null);
}

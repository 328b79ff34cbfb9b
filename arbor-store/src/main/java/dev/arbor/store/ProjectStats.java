package dev.arbor.store;

import dev.arbor.model.TokenCounts;

/**
 * What a project's traces add up to over a time range (traces whose root started in it): how many, how many
 * had a failed span, the root latency at the 50th and 99th percentile (nearest rank: the smallest latency that
 * at least that share of traces do not exceed; null without traces), token totals, cost, and when the last one ended.
 */
public record ProjectStats(long traceCount, long errorTraceCount, Double latencyP50Ms, Double latencyP99Ms,
    TokenCounts tokens, CostTotal cost, Long lastEndTimeUnixNano) {
  public static final ProjectStats EMPTY =
      new ProjectStats(0, 0, null, null, TokenCounts.NONE, CostTotal.NONE, null);
}

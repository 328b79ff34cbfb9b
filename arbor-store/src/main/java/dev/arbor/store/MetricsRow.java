package dev.arbor.store;

import dev.arbor.model.TokenCounts;

/**
 * One time bucket of one group: {@code bucketStartUnixNano} is the bucket's start, {@code group} the group's
 * value (null for {@code NONE}, or for spans without one: no model, say). Latency percentiles are by nearest rank
 * (the smallest latency that at least that share of the bucket's spans do not exceed), in ms: exact, or within 1%
 * of it when answered from rollups, as is the maximum.
 */
public record MetricsRow(long bucketStartUnixNano, String group, long spans, long errors, TokenCounts tokens,
    CostTotal cost, double latencyP50Ms, double latencyP95Ms, double latencyP99Ms, double latencyMaxMs) {}

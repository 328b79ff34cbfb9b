package dev.arbor.store;

/** A rule with its state, the value it last saw, and when (epoch milliseconds; null before its first evaluation). */
public record StoredAlert(AlertRule rule, AlertState state, Double lastValue, Long lastEvaluatedAtMillis) {}

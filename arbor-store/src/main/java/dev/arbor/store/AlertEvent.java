package dev.arbor.store;

/**
 * One change of a rule's state: to FIRING or back to OK (resolved), the value and threshold then, when (epoch
 * milliseconds), and what became of its notification ({@code sent}, {@code failed: …} or {@code no webhook}).
 */
public record AlertEvent(long id, long ruleId, AlertState state, Double value, double threshold, long atMillis,
    String delivery) {}

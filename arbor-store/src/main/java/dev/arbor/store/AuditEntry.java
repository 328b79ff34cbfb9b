package dev.arbor.store;

/**
 * One entry of the audit trail: who did what to which target, when (UTC epoch milliseconds), from where and why,
 * with the details as JSON, chained to the entry before it by {@code prevHash} and sealed by {@code hash}
 * ({@link AuditHash}). Entries are numbered 1, 2, 3 … without gaps.
 */
public record AuditEntry(long seq, long atMillis, String actor, String origin, String action, String target,
    String reason, String detail, String prevHash, String hash) {

  /** What a caller records; the store adds the number, the time, and the hashes. */
  public record Event(String actor, String origin, String action, String target, String reason, String detail) {
    public Event {
      if (actor == null || actor.isBlank()) {
        throw new IllegalArgumentException("actor must be set");
      }
      if (action == null || action.isBlank()) {
        throw new IllegalArgumentException("action must be set");
      }
    }
  }
}

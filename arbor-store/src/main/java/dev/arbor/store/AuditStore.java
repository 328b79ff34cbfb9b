package dev.arbor.store;

import java.util.List;

/**
 * The append-only audit trail. {@link #append} numbers the entry after the last one and seals it with the hash
 * chain in one transaction, so that servers sharing a database write one chain. Nothing here updates or deletes
 * an entry; {@link AuditVerification#of} finds any entry that was changed, removed or moved by other means.
 *
 * <p>Example: {@code store.audit().append(new AuditEntry.Event("ana", "10.0.0.7", "DELETE /v1/traces/{trace}",
 * "/v1/traces/4bf9…", "duplicate upload", "{\"status\":204}"))}.
 */
public interface AuditStore {
  /** The actor of the entries the store writes itself: ingest batches and the spans deletions remove. */
  String SYSTEM_ACTOR = "arbor";
  /** The action of an entry sealing the digests of the spans one committed batch stored. */
  String INGEST = "INGEST";
  /** The action of an entry recording which stored spans a deletion removed. */
  String DELETE_SPANS = "DELETE SPANS";

  AuditEntry append(AuditEntry.Event event);

  /**
   * Checks the stored spans against the trail: each span recorded by an ingest entry is still there with the
   * digest ({@link SpanDigest}) it was stored with, unless a later deletion entry removed it; each ingest entry's
   * seal matches its spans' digests; and no span is stored that no ingest entry recorded (spans stored before the
   * trail covered spans excepted).
   */
  SpanCheck checkSpans();

  /** How many stored spans were checked, and the first problem ({@code firstBadSeq} 0: none). */
  record SpanCheck(long spans, long firstBadSeq, String problem) {}

  /** Up to {@code limit} entries numbered above {@code afterSeq}, in order. */
  List<AuditEntry> list(long afterSeq, int limit);
}

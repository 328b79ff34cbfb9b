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
  AuditEntry append(AuditEntry.Event event);

  /** Up to {@code limit} entries numbered above {@code afterSeq}, in order. */
  List<AuditEntry> list(long afterSeq, int limit);
}

package dev.arbor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of walking the audit trail: how many entries were checked, the hash of the last one (keep it
 * somewhere else: an entry removed from the end can only be noticed against a head recorded earlier), how many
 * stored spans were checked against the digests their ingest entries sealed, and the first entry that no longer
 * matches (for a span: the entry that recorded it), with what is wrong; {@code firstBadSeq} is 0 when all is intact.
 */
public record AuditVerification(long entries, String headHash, long firstBadSeq, String problem, long spans) {

  public boolean intact() {
    return firstBadSeq == 0;
  }

  /** The same result with a problem found afterwards. */
  public AuditVerification withProblem(long seq, String message) {
    return new AuditVerification(entries, headHash, seq, message, spans);
  }

  /** Walks the chain of {@code store}, then, when it is intact, checks the stored spans against it. */
  public static AuditVerification of(AuditStore store) {
    AuditVerification chain = chain(store);
    if (!chain.intact()) {
      return chain;
    }
    AuditStore.SpanCheck spans = store.checkSpans();
    return new AuditVerification(chain.entries(), chain.headHash(), spans.firstBadSeq(), spans.problem(),
        spans.spans());
  }

  /** Walks every entry of {@code store} in order, a page at a time. */
  private static AuditVerification chain(AuditStore store) {
    String previous = AuditHash.GENESIS;
    long expected = 1;
    long after = 0;
    while (true) {
      List<AuditEntry> page = new ArrayList<>(store.list(after, 1000));
      if (page.isEmpty()) {
        return new AuditVerification(expected - 1, previous, 0, null, 0);
      }
      for (AuditEntry e : page) {
        if (e.seq() != expected) {
          return new AuditVerification(expected - 1, previous, expected,
              "entry " + expected + " is missing (the next one is " + e.seq() + ")", 0);
        }
        if (!e.prevHash().equals(previous)) {
          return new AuditVerification(expected - 1, previous, e.seq(),
              "entry " + e.seq() + " does not follow the entry before it (its previous hash differs)", 0);
        }
        if (!AuditHash.of(e).equals(e.hash())) {
          return new AuditVerification(expected - 1, previous, e.seq(),
              "entry " + e.seq() + " was changed after it was written (its content no longer matches its hash)", 0);
        }
        previous = e.hash();
        expected++;
        after = e.seq();
      }
    }
  }
}

package dev.arbor.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of walking the audit trail: how many entries were checked, the hash of the last one (keep it
 * somewhere else: an entry removed from the end can only be noticed against a head recorded earlier), and the first
 * entry that no longer matches, with what is wrong; {@code firstBadSeq} is 0 when the trail is intact.
 */
public record AuditVerification(long entries, String headHash, long firstBadSeq, String problem) {

  public boolean intact() {
    return firstBadSeq == 0;
  }

  /** Walks every entry of {@code store} in order, a page at a time. */
  public static AuditVerification of(AuditStore store) {
    String previous = AuditHash.GENESIS;
    long expected = 1;
    long after = 0;
    while (true) {
      List<AuditEntry> page = new ArrayList<>(store.list(after, 1000));
      if (page.isEmpty()) {
        return new AuditVerification(expected - 1, previous, 0, null);
      }
      for (AuditEntry e : page) {
        if (e.seq() != expected) {
          return new AuditVerification(expected - 1, previous, expected,
              "entry " + expected + " is missing (the next one is " + e.seq() + ")");
        }
        if (!e.prevHash().equals(previous)) {
          return new AuditVerification(expected - 1, previous, e.seq(),
              "entry " + e.seq() + " does not follow the entry before it (its previous hash differs)");
        }
        if (!AuditHash.of(e).equals(e.hash())) {
          return new AuditVerification(expected - 1, previous, e.seq(),
              "entry " + e.seq() + " was changed after it was written (its content no longer matches its hash)");
        }
        previous = e.hash();
        expected++;
        after = e.seq();
      }
    }
  }
}

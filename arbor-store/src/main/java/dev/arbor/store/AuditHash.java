package dev.arbor.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The seal of an audit entry: SHA-256 over its number, time, actor, origin, action, target, reason and detail,
 * and the hash of the entry before it (64 zeros before the first). Each field is written with its length first,
 * so that no two different entries can give the same text to hash. Editing, deleting or reordering entries breaks
 * the chain at the first entry touched.
 */
public final class AuditHash {
  public static final String GENESIS = "0".repeat(64);

  private AuditHash() {}

  public static String of(long seq, long atMillis, String actor, String origin, String action, String target,
      String reason, String detail, String prevHash) {
    StringBuilder text = new StringBuilder();
    for (String field : new String[] {Long.toString(seq), Long.toString(atMillis), actor, origin, action, target,
        reason, detail, prevHash}) {
      if (field == null) {
        text.append("-1:");
      } else {
        text.append(field.length()).append(':').append(field);
      }
      text.append('\n');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The hash {@code entry} should have, from its own fields. */
  public static String of(AuditEntry e) {
    return of(e.seq(), e.atMillis(), e.actor(), e.origin(), e.action(), e.target(), e.reason(), e.detail(),
        e.prevHash());
  }
}

package dev.arbor.server.access;

import org.springframework.security.crypto.bcrypt.BCrypt;

/** Password hashes: bcrypt with cost 12 (about a quarter of a second here), salted per password. */
final class Passwords {
  private static final int COST = 12;
  /** Checked when a user name is unknown, so that a wrong name takes as long as a wrong password. */
  private static final String DECOY = BCrypt.hashpw("arbor-decoy-password", BCrypt.gensalt(COST));

  private Passwords() {}

  static String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(COST));
  }

  /** True when {@code password} matches {@code hash}; with a null hash, spends the same time and says false. */
  static boolean matches(String password, String hash) {
    try {
      if (hash == null) {
        BCrypt.checkpw(password, DECOY);
        return false;
      }
      return BCrypt.checkpw(password, hash);
    } catch (IllegalArgumentException tooLongOrNotBcrypt) {
      return false;
    }
  }
}

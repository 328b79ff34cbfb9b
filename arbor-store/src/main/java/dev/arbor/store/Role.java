package dev.arbor.store;

import java.util.Locale;

/**
 * What a user or API key may do, each role including the one before it: a viewer reads, a member also writes
 * (ingests spans, annotates, deletes data, changes project settings), an admin also manages users, system keys and
 * server-wide settings and reads the audit trail.
 */
public enum Role {
  VIEWER,
  MEMBER,
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The lower of the two roles. */
  public Role min(Role other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name} (any case); throws {@link IllegalArgumentException} naming the three roles. */
  public static Role parse(String name) {
    if (name != null) {
      for (Role role : values()) {
        if (role.name().equalsIgnoreCase(name.strip())) {
          return role;
        }
      }
    }
    throw new IllegalArgumentException("role must be admin, member or viewer, not '" + name + "'");
  }
}

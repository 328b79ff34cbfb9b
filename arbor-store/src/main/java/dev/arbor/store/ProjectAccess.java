package dev.arbor.store;

import java.util.Locale;

/** How far a grant on one project reaches: reading it, or also writing to it. */
public enum ProjectAccess {
  READ,
  WRITE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ProjectAccess parse(String name) {
    if ("read".equalsIgnoreCase(name)) {
      return READ;
    }
    if ("write".equalsIgnoreCase(name)) {
      return WRITE;
    }
    throw new IllegalArgumentException("project access must be read or write, not '" + name + "'");
  }
}

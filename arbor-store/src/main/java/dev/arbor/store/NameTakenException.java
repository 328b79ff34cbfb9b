package dev.arbor.store;

/** A user or key with that name exists already. */
public final class NameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NameTakenException(String what, String name) {
    super("a " + what + " named '" + name + "' exists already");
  }
}

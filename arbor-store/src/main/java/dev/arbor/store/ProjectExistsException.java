package dev.arbor.store;

/** A project with that name exists already. */
public final class ProjectExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProjectExistsException(String name) {
    super("a project named '" + name + "' exists already");
  }
}

package dev.arbor.store;

/**
 * A project cannot be renamed to a name that alert rules, redaction rules or grants still hold (left from a deleted
 * project, or made ahead of one): the renamed project would silently take them on.
 */
public final class ProjectNameInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProjectNameInUseException(String name, String holders) {
    super(holders + " still name project '" + name + "': change or remove them first");
  }
}

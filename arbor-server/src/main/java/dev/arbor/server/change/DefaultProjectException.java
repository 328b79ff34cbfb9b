package dev.arbor.server.change;

/** The default project, where spans that name no project land, cannot be deleted or renamed, nor another named so. */
public final class DefaultProjectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DefaultProjectException(String message) {
    super(message);
  }
}

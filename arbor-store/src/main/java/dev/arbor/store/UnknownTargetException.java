package dev.arbor.store;

import java.util.List;

/** A write that names spans, traces or sessions the store does not have; nothing of it was stored. */
public final class UnknownTargetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownTargetException(AnnotationTarget target, List<String> ids) {
    super(target.name().toLowerCase(java.util.Locale.ROOT) + " not found: " + String.join(", ", ids));
  }
}

package dev.arbor.store;

import java.time.Instant;
import java.util.Objects;

/** A stored annotation: what was written, the project of its target, and when it was created and last updated. */
public record Annotation(long id, String project, AnnotationInput input, Instant createdAt, Instant updatedAt) {
  public Annotation {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(input, "input");
  }
}

package dev.arbor.store;

import java.time.Instant;
import java.util.Objects;

/** A project: a named group of traces. {@code id} is the store's, increasing with creation. */
public record Project(long id, String name, String description, Instant createdAt) {
  public Project {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

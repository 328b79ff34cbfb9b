package dev.arbor.store;

import java.util.Objects;

/** Sessions of one project in the order they were first seen (oldest first unless {@code descending}). */
public record SessionQuery(String project, PageRequest page, boolean descending) {
  public SessionQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
  }
}

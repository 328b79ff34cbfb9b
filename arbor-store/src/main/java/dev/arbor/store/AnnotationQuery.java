package dev.arbor.store;

import java.util.List;
import java.util.Objects;

/**
 * Annotations of one project on one kind of target, newest first: optionally only on some targets, with
 * some identifiers, with some names, or without some names.
 */
public record AnnotationQuery(String project, AnnotationTarget target, List<String> targetIds,
    List<String> identifiers, List<String> includeNames, List<String> excludeNames, PageRequest page) {
  public AnnotationQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(page, "page");
    targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
    identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    includeNames = includeNames == null ? List.of() : List.copyOf(includeNames);
    excludeNames = excludeNames == null ? List.of() : List.copyOf(excludeNames);
  }
}

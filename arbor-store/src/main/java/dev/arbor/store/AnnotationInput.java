package dev.arbor.store;

import java.util.Map;
import java.util.Objects;

/**
 * An annotation to write. It replaces the one with the same target, document position, name and
 * identifier, if any (so an evaluator that re-runs updates its results instead of adding copies).
 * {@code targetId} is a span id, trace id (hex) or session id; {@code documentPosition} is set only for
 * documents; at least one of label, score and explanation is present.
 */
public record AnnotationInput(AnnotationTarget target, String targetId, Integer documentPosition, String name,
    String annotatorKind, String label, Double score, String explanation, Map<String, Object> metadata,
    String identifier, String source) {
  public AnnotationInput {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(annotatorKind, "annotatorKind");
    if ((target == AnnotationTarget.DOCUMENT) != (documentPosition != null)) {
      throw new IllegalArgumentException("document_position is required for documents and only for them");
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    identifier = identifier == null ? "" : identifier;
    source = source == null ? "API" : source;
  }
}

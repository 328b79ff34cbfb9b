package dev.arbor.sdk.trace;

import java.util.List;

/** One embedded text and its vector: {@code embedding.embeddings.N.embedding.*}. Either part may be null. */
public record Embedding(String text, List<Float> vector) {
  public Embedding {
    vector = vector == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(vector));
  }
}

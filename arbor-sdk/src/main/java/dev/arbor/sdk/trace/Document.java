package dev.arbor.sdk.trace;

import java.util.Map;

/** A retrieved document: {@code retrieval.documents.N.document.*}. Any part may be null. */
public record Document(String id, String content, Double score, Map<String, ?> metadata) {
  public Document {
    // Copied without Map.copyOf, which refuses the null values vector stores' metadata often has.
    metadata = metadata == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  public static Document of(String id, String content, Double score) {
    return new Document(id, content, score, Map.of());
  }
}

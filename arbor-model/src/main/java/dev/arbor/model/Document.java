package dev.arbor.model;

/** A document returned by a retriever, with its score; {@code metadata} is JSON text or {@code null}. */
public record Document(String id, String content, Double score, String metadata) {
  public static Document of(String id, String content, Double score, String metadata) {
    return new Document(id, content, score, metadata);
  }
}

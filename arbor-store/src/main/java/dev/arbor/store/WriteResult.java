package dev.arbor.store;

/** What one {@link SpanStore#write} did: spans newly stored and spans already present (or repeated). */
public record WriteResult(int stored, int duplicates) {
  public static WriteResult of(int stored, int duplicates) {
    return new WriteResult(stored, duplicates);
  }
}

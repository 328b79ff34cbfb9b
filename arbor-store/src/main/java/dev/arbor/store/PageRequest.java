package dev.arbor.store;

/** A page of at most {@code limit} items starting at {@code cursor} (a store id), or at the newest. */
public record PageRequest(Long cursor, int limit) {
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    if (cursor != null && cursor < 0) {
      throw new IllegalArgumentException("cursor must not be negative: " + cursor);
    }
  }

  public static PageRequest of(Long cursor, int limit) {
    return new PageRequest(cursor, limit);
  }

  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }
}

package dev.arbor.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of results and, when more follow, the cursor to ask for next: the store id of the first item
 * of the next page (pages go from newest to oldest, so the next page holds ids at most that cursor).
 */
public record Page<T>(List<T> items, OptionalLong nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  public static <T> Page<T> of(List<T> items, OptionalLong nextCursor) {
    return new Page<>(items, nextCursor);
  }

  /**
   * The page of a {@code limit + 1} read: the extra row, if any, becomes the cursor.
   *
   * @param idOf the store id of an item
   */
  public static <T> Page<T> fromOverRead(List<T> rows, int limit, java.util.function.ToLongFunction<T> idOf) {
    if (rows.size() <= limit) {
      return new Page<>(rows, OptionalLong.empty());
    }
    return new Page<>(rows.subList(0, limit), OptionalLong.of(idOf.applyAsLong(rows.get(limit))));
  }
}

package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Phoenix's Relay global ids: base64 of {@code Type:rowid} ({@code Project:1} is {@code UHJvamVjdDox}).
 * Cursors are the global id of the first item of the next page.
 */
public final class GlobalIds {
  private GlobalIds() {}

  static String of(String type, long id) {
    return Base64.getEncoder().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** The row id in {@code globalId} if it is a global id of {@code type}, else {@code null}. */
  public static Long parse(String type, String globalId) {
    try {
      String decoded = new String(Base64.getDecoder().decode(globalId), StandardCharsets.UTF_8);
      if (decoded.startsWith(type + ":")) {
        long id = Long.parseLong(decoded.substring(type.length() + 1));
        return id >= 0 ? id : null;
      }
    } catch (IllegalArgumentException e) {
      // not a global id
    }
    return null;
  }

  /** The global id of the next page's cursor, or null on the last page. */
  static String next(String type, dev.arbor.store.Page<?> page) {
    return page.nextCursor().isPresent() ? of(type, page.nextCursor().getAsLong()) : null;
  }

  /** A cursor parameter: a global id of {@code type}, else a 422 naming the parameter. */
  static Long cursor(String type, String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    Long id = parse(type, cursor);
    if (id == null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid cursor: " + cursor);
    }
    return id;
  }
}

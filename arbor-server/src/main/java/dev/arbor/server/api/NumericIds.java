package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;

/**
 * The store ids of Arbor's own resources (prices, alert rules) in paths: a number, or a 404 that names the
 * kind of thing, since an id that is not a number cannot name one.
 */
final class NumericIds {
  private NumericIds() {}

  static long parse(String id, String what) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw notFound(id, what);
    }
  }

  static ApiException notFound(String id, String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " not found: " + id);
  }
}

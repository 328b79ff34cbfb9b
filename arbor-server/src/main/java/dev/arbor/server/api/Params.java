package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.store.PageRequest;
import java.util.ArrayList;
import java.util.List;

/** Query parameters as Phoenix's clients send them: repeated keys for lists, {@code key[]} accepted too. */
final class Params {
  private final QueryParams params;

  private Params(QueryParams params) {
    this.params = params;
  }

  static Params of(ServiceRequestContext ctx) {
    return new Params(ctx.queryParams());
  }

  String get(String name) {
    String value = params.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** Every value of {@code name} (or {@code name[]}), comma-separated values split too. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (String key : List.of(name, name + "[]")) {
      for (String value : params.getAll(key)) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            values.add(part.strip());
          }
        }
      }
    }
    return values;
  }

  /** Every value of {@code name}, unsplit (values may contain commas). */
  List<String> raw(String name) {
    List<String> values = new ArrayList<>(params.getAll(name));
    values.addAll(params.getAll(name + "[]"));
    return values;
  }

  boolean flag(String name, boolean otherwise) {
    String value = get(name);
    if (value == null) {
      return otherwise;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, name + " must be true or false: " + value);
    };
  }

  int limit(int otherwise, int max) {
    String value = get("limit");
    if (value == null) {
      return otherwise;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "limit must be a whole number between 1 and " + max
        + ": " + value);
  }

  /** A page of the store: the cursor is the global id of type {@code type}; at most 1000 items per page. */
  PageRequest page(String type, int defaultLimit, int maxLimit) {
    return PageRequest.of(GlobalIds.cursor(type, get("cursor")),
        Math.min(PageRequest.MAX_LIMIT, limit(defaultLimit, maxLimit)));
  }

  /** One of {@code allowed} (case-insensitive), or {@code otherwise} when absent. */
  String choice(String name, String otherwise, String... allowed) {
    String value = get(name);
    if (value == null) {
      return otherwise;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(value)) {
        return a;
      }
    }
    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, name + " must be one of " + String.join(", ", allowed)
        + ": " + value);
  }
}

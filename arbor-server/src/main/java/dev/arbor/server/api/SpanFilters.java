package dev.arbor.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.linecorp.armeria.common.HttpStatus;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.filter.Field;
import dev.arbor.store.filter.FilterException;
import dev.arbor.store.filter.Filters;
import dev.arbor.store.filter.Scope;
import java.util.List;
import java.util.Locale;

/**
 * Phoenix's span list parameters ({@code trace_id}, {@code span_id}, {@code parent_id}, {@code name},
 * {@code span_kind}, {@code status_code}, {@code attribute=key:value}) and Arbor's {@code filter} expression,
 * each turned into a filter, so that they all take the filter language's one path to SQL.
 */
final class SpanFilters {
  private SpanFilters() {}

  static SpanQuery apply(Params params, SpanQuery query, QueryService queries) {
    query = anyOf(query, Field.TRACE_ID, lower(params.all("trace_id")));
    query = anyOf(query, Field.SPAN_ID, lower(params.all("span_id")));
    query = anyOf(query, Field.NAME, params.raw("name"));
    query = anyOf(query, Field.SPAN_KIND, upper(params.all("span_kind")));
    query = anyOf(query, Field.STATUS_CODE, upper(params.all("status_code")));
    String parent = params.get("parent_id");
    if (parent != null) {
      query = parent.equalsIgnoreCase("null") || parent.equalsIgnoreCase("none")
          ? query.withFilter(Filters.isNull(Scope.SPAN, Field.PARENT_ID))
          : anyOf(query, Field.PARENT_ID, List.of(parent.toLowerCase(Locale.ROOT)));
    }
    for (String attribute : params.raw("attribute")) {
      int colon = attribute.indexOf(':');
      if (colon <= 0) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
            "attribute must be key:value, the value as JSON (\"text\", 12, true): " + attribute);
      }
      query = query.withFilter(Filters.attributeEquals(Scope.SPAN, attribute.substring(0, colon),
          value(attribute.substring(colon + 1))));
    }
    String filter = params.get("filter");
    if (filter != null) {
      query = query.withFilter(parse(queries, Scope.SPAN, filter));
    }
    return query;
  }

  static dev.arbor.store.filter.Filter parse(QueryService queries, Scope scope, String text) {
    try {
      return queries.filter(scope, text);
    } catch (FilterException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid filter: " + e.getMessage());
    }
  }

  /** A JSON value (text, number or boolean); anything else is taken as text. */
  private static Object value(String text) {
    try {
      Object value = ApiJson.MAPPER.readValue(text, Object.class);
      if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
        return value;
      }
    } catch (JsonProcessingException e) {
      // not JSON: plain text
    }
    return text;
  }

  private static SpanQuery anyOf(SpanQuery query, Field field, List<String> values) {
    return values.isEmpty() ? query : query.withFilter(Filters.anyOf(Scope.SPAN, field, values));
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  private static List<String> upper(List<String> values) {
    return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
  }
}

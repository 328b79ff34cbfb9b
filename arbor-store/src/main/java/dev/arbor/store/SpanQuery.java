package dev.arbor.store;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.Objects;

/**
 * Spans of one project, newest stored first: optionally those that started in
 * {@code [startTimeUnixNano, endTimeUnixNano)} and that a {@link Scope#SPAN} filter selects. Checked when
 * built: a bad value fails with the field named.
 */
public record SpanQuery(String project, PageRequest page, Long startTimeUnixNano, Long endTimeUnixNano,
    Filter filter) {
  public SpanQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
    TimeRange.check(startTimeUnixNano, endTimeUnixNano);
    if (filter != null && filter.scope() != Scope.SPAN) {
      throw new IllegalArgumentException("a span query takes a span filter, not a " + filter.scope() + " filter");
    }
  }

  public static SpanQuery of(String project, int limit) {
    return new SpanQuery(project, PageRequest.first(limit), null, null, null);
  }

  public SpanQuery withFilter(Filter more) {
    return new SpanQuery(project, page, startTimeUnixNano, endTimeUnixNano, Filter.and(filter, more));
  }

  public SpanQuery withPage(PageRequest next) {
    return new SpanQuery(project, next, startTimeUnixNano, endTimeUnixNano, filter);
  }
}

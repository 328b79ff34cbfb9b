package dev.arbor.store;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.Objects;

/**
 * Sessions of one project in the order they were first seen (oldest first unless {@code descending}); optionally
 * only sessions with a trace whose root started in {@code [startTimeUnixNano, endTimeUnixNano)} and that a
 * {@link Scope#TRACE} filter selects (the same trace, when both are given).
 */
public record SessionQuery(String project, PageRequest page, boolean descending, Long startTimeUnixNano,
    Long endTimeUnixNano, Filter filter) {
  public SessionQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
    TimeRange.check(startTimeUnixNano, endTimeUnixNano);
    if (filter != null && filter.scope() != Scope.TRACE) {
      throw new IllegalArgumentException("a session query takes a trace filter, not a " + filter.scope() + " filter");
    }
  }

  /** Every session of the project, a page at a time. */
  public SessionQuery(String project, PageRequest page, boolean descending) {
    this(project, page, descending, null, null, null);
  }

  /** Whether the sessions are narrowed to those with a trace in a window or selected by a filter. */
  public boolean narrowed() {
    return startTimeUnixNano != null || endTimeUnixNano != null || filter != null;
  }
}

package dev.arbor.store;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.List;
import java.util.Objects;

/**
 * Traces of one project (a trace is listed once its root span is stored), ordered by {@code sort} and
 * then by the root's store id; optionally only traces whose root started in {@code [start, end)}, that a
 * {@link Scope#TRACE} filter selects, or that belong to some sessions. {@code includeSpans} adds every
 * span of each trace to the result.
 */
public record TraceQuery(String project, PageRequest page, Long startTimeUnixNano, Long endTimeUnixNano,
    Filter filter, List<String> sessionIds, Sort sort, boolean ascending, boolean includeSpans) {

  /**
   * What the trace list is ordered by. By cost, a trace without a priced span sorts as if it cost -1: after every
   * priced one when descending (the most expensive first), before them when ascending.
   */
  public enum Sort { START_TIME, LATENCY, COST }

  public TraceQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(sort, "sort");
    TimeRange.check(startTimeUnixNano, endTimeUnixNano);
    sessionIds = sessionIds == null ? List.of() : List.copyOf(sessionIds);
    if (filter != null && filter.scope() != Scope.TRACE) {
      throw new IllegalArgumentException("a trace query takes a trace filter, not a " + filter.scope() + " filter");
    }
  }

  /** The newest traces first, without their spans. */
  public static TraceQuery newest(String project, int limit) {
    return new TraceQuery(project, PageRequest.first(limit), null, null, null, List.of(), Sort.START_TIME, false,
        false);
  }

  public TraceQuery withFilter(Filter more) {
    return new TraceQuery(project, page, startTimeUnixNano, endTimeUnixNano, Filter.and(filter, more), sessionIds,
        sort, ascending, includeSpans);
  }

  public TraceQuery withPage(PageRequest next) {
    return new TraceQuery(project, next, startTimeUnixNano, endTimeUnixNano, filter, sessionIds, sort, ascending,
        includeSpans);
  }
}

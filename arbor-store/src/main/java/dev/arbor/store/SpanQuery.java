package dev.arbor.store;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.Objects;

/**
 * Spans of one project, ordered by {@code sort} and then by store id (newest stored first unless
 * {@code ascending}): optionally those that started in {@code [startTimeUnixNano, endTimeUnixNano)} and that a
 * {@link Scope#SPAN} filter selects. Checked when built: a bad value fails with the field named.
 */
public record SpanQuery(String project, PageRequest page, Long startTimeUnixNano, Long endTimeUnixNano,
    Filter filter, Sort sort, boolean ascending) {

  /**
   * What the span list is ordered by: the order spans were stored in (Phoenix's), their start, their latency or
   * their cost. By cost, a span without a price sorts as if it cost -1, as traces do.
   */
  public enum Sort { STORED, START_TIME, LATENCY, COST }

  public SpanQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
    Objects.requireNonNull(sort, "sort");
    TimeRange.check(startTimeUnixNano, endTimeUnixNano);
    if (filter != null && filter.scope() != Scope.SPAN) {
      throw new IllegalArgumentException("a span query takes a span filter, not a " + filter.scope() + " filter");
    }
  }

  /** The most recently stored spans first, in a window and narrowed by a filter (either may be null). */
  public SpanQuery(String project, PageRequest page, Long startTimeUnixNano, Long endTimeUnixNano, Filter filter) {
    this(project, page, startTimeUnixNano, endTimeUnixNano, filter, Sort.STORED, false);
  }

  public static SpanQuery of(String project, int limit) {
    return new SpanQuery(project, PageRequest.first(limit), null, null, null);
  }

  public SpanQuery withFilter(Filter more) {
    return new SpanQuery(project, page, startTimeUnixNano, endTimeUnixNano, Filter.and(filter, more), sort,
        ascending);
  }

  public SpanQuery withPage(PageRequest next) {
    return new SpanQuery(project, next, startTimeUnixNano, endTimeUnixNano, filter, sort, ascending);
  }

  public SpanQuery sorted(Sort by, boolean ascendingOrder) {
    return new SpanQuery(project, page, startTimeUnixNano, endTimeUnixNano, filter, by, ascendingOrder);
  }
}

package dev.arbor.store;

import java.util.Objects;

/**
 * Spans of one project, optionally those that started in {@code [startTimeUnixNano, endTimeUnixNano)}.
 * Checked when built: a bad value fails with the field named.
 */
public record SpanQuery(String project, PageRequest page, Long startTimeUnixNano, Long endTimeUnixNano) {
  public SpanQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(page, "page");
    if (startTimeUnixNano != null && endTimeUnixNano != null && endTimeUnixNano < startTimeUnixNano) {
      throw new IllegalArgumentException("end_time must not be before start_time");
    }
  }

  public static SpanQuery of(String project, int limit) {
    return new SpanQuery(project, PageRequest.first(limit), null, null);
  }
}

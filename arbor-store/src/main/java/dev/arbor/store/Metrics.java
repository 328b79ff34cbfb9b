package dev.arbor.store;

import java.util.List;

/**
 * The answer to a {@link MetricsQuery}: its rows per bucket and group, and the whole range's totals in one
 * row (bucket start = the range's start, no group; percentiles over all its spans), null when no span matched.
 */
public record Metrics(List<MetricsRow> rows, MetricsRow total) {
  public static final Metrics EMPTY = new Metrics(List.of(), null);

  public Metrics {
    rows = List.copyOf(rows);
  }
}

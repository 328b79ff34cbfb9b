package dev.arbor.store;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.Objects;

/**
 * Aggregates of a project's spans that started in {@code [start, end)}, per time bucket of
 * {@code bucketSeconds} starting at {@code originUnixNano} plus a whole number of widths (the epoch, 0, lines
 * buckets of one width up across queries; the range's start makes the first bucket start with it), and per
 * value of {@code groupBy}, over the spans a {@link Scope#SPAN} filter selects (all when null). A store may answer
 * from rollups, with latency percentiles within 1% of the exact ones; {@code exact} asks for the spans themselves.
 *
 * <p>Example: {@code MetricsQuery.of("tickets", from, to, 3600, GroupBy.MODEL, null)}: calls, errors, tokens,
 * cost and latency percentiles per model per hour.
 */
public record MetricsQuery(String project, long startTimeUnixNano, long endTimeUnixNano, long bucketSeconds,
    long originUnixNano, GroupBy groupBy, String groupKey, Filter filter, boolean exact) {
  /** Most buckets one query may ask for: enough for 30 days by the minute. */
  public static final long MAX_BUCKETS = 50_000;

  /**
   * What the rows are split by, besides time; {@code ATTRIBUTE} splits by the text of the attribute
   * {@code groupKey} (an agent's name, an HTTP status), spans without it in the null group;
   * {@code EXCEPTION_TYPE} by the {@code exception.type} of the span's first exception event; {@code HTTP_STATUS} by
   * the span's {@code http.response.status_code} attribute, or the older {@code http.status_code} where that is
   * absent, as text.
   */
  public enum GroupBy { NONE, SPAN_KIND, MODEL, STATUS, NAME, STATUS_MESSAGE, ATTRIBUTE, EXCEPTION_TYPE, HTTP_STATUS }

  /** Widest bucket: ten years. */
  public static final long MAX_BUCKET_SECONDS = 10L * 365 * 86_400;

  public MetricsQuery {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(groupBy, "groupBy");
    if (endTimeUnixNano <= startTimeUnixNano) {
      throw new IllegalArgumentException("end_time must be after start_time");
    }
    // Times before 1970 would overflow the bucket arithmetic; no span clock that far off is worth charting.
    if (startTimeUnixNano < 0 || originUnixNano < 0 || originUnixNano > startTimeUnixNano) {
      throw new IllegalArgumentException("start_time must be in 1970 or later");
    }
    if (bucketSeconds < 1 || bucketSeconds > MAX_BUCKET_SECONDS) {
      throw new IllegalArgumentException("bucket must be between 1 second and " + MAX_BUCKET_SECONDS + " seconds: "
          + bucketSeconds);
    }
    if ((endTimeUnixNano - startTimeUnixNano) / 1_000_000_000L / bucketSeconds > MAX_BUCKETS) {
      throw new IllegalArgumentException("at most " + MAX_BUCKETS + " buckets: use a wider bucket or a shorter range");
    }
    if (groupBy == GroupBy.ATTRIBUTE && (groupKey == null || groupKey.isBlank())) {
      throw new IllegalArgumentException("group_key is required to group by an attribute");
    }
    groupKey = groupBy == GroupBy.ATTRIBUTE ? groupKey : null;
    if (filter != null && filter.scope() != Scope.SPAN) {
      throw new IllegalArgumentException("metrics take a span filter, not a " + filter.scope() + " filter");
    }
  }

  /** A query the store may answer from rollups. */
  public MetricsQuery(String project, long startTimeUnixNano, long endTimeUnixNano, long bucketSeconds,
      long originUnixNano, GroupBy groupBy, String groupKey, Filter filter) {
    this(project, startTimeUnixNano, endTimeUnixNano, bucketSeconds, originUnixNano, groupBy, groupKey, filter, false);
  }

  /** The same query, answered from the spans themselves (exact percentiles) when {@code exactly}. */
  public MetricsQuery exactly(boolean exactly) {
    return new MetricsQuery(project, startTimeUnixNano, endTimeUnixNano, bucketSeconds, originUnixNano, groupBy,
        groupKey, filter, exactly);
  }

  /** Buckets aligned to the epoch. */
  public static MetricsQuery of(String project, long start, long end, long bucketSeconds, GroupBy groupBy,
      Filter filter) {
    return new MetricsQuery(project, start, end, bucketSeconds, 0, groupBy, null, filter);
  }

  /** Buckets aligned to the epoch, split by the attribute {@code key}. */
  public static MetricsQuery byAttribute(String project, long start, long end, long bucketSeconds, String key,
      Filter filter) {
    return new MetricsQuery(project, start, end, bucketSeconds, 0, GroupBy.ATTRIBUTE, key, filter);
  }

  /** One bucket, the whole range, split by {@code groupBy}. */
  public static MetricsQuery whole(String project, long start, long end, GroupBy groupBy, String groupKey,
      Filter filter) {
    return new MetricsQuery(project, start, end, Math.max(1, Math.ceilDiv(end - start, 1_000_000_000L)), start,
        groupBy, groupKey, filter);
  }

  /** One bucket: the whole range. */
  public static MetricsQuery total(String project, long start, long end, Filter filter) {
    return whole(project, start, end, GroupBy.NONE, null, filter);
  }
}

package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.server.query.ChainStats;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.CostTotal;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsQuery.GroupBy;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.PageRequest;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The dashboards' figures as JSON, for the UI and for scripts: time series of calls, errors, tokens, cost and
 * latency percentiles per bucket and group, the range's totals, and the month's projected cost.
 */
@Blocking
public final class MetricsApi {
  /** Bucket widths offered, in seconds; a request without one gets the narrowest giving at most 120 buckets. */
  private static final long[] BUCKETS = {60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400};
  private static final long SECOND = 1_000_000_000L;

  private final QueryService queries;
  private final Identifiers ids;
  private final Clock clock;

  public MetricsApi(QueryService queries, Clock clock) {
    this.queries = queries;
    this.ids = new Identifiers(queries);
    this.clock = clock;
  }

  record Latency(double p50, double p95, double p99, double max) {}

  record RowDto(String bucketStart, String group, long spans, long errors, double errorRate, UiSpanDto.Tokens tokens,
      UiSpanDto.Cost cost, Latency latencyMs) {
    static RowDto of(MetricsRow r) {
      return new RowDto(ApiTimes.format(r.bucketStartUnixNano()), r.group(), r.spans(), r.errors(),
          (double) r.errors() / r.spans(), UiSpanDto.Tokens.of(r.tokens()), UiSpanDto.Cost.of(r.cost()),
          new Latency(r.latencyP50Ms(), r.latencyP95Ms(), r.latencyP99Ms(), r.latencyMaxMs()));
    }
  }

  record SeriesDto(String startTime, String endTime, long bucketSeconds, String groupBy, RowDto totals,
      List<RowDto> rows) {}

  /**
   * {@code start_time} (default: 24 hours before {@code end_time}), {@code end_time} (default: now),
   * {@code bucket} in seconds (or {@code all}: one bucket for the whole range), {@code group_by} ({@code none},
   * {@code span_kind}, {@code model}, {@code status}, {@code name}, {@code status_message}, {@code exception_type},
   * {@code http_status}, or {@code attribute} with {@code group_key}, the attribute's name), {@code filter} (a span
   * expression) and {@code exact} (percentiles from the spans themselves, never from rollups).
   */
  @Get("/api/projects/{project}/metrics")
  @ProducesJson
  public DataDto<SeriesDto> metrics(@Param("project") String identifier, ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    String project = ids.project(identifier).name();
    long[] range = range(params);
    long start = range[0];
    long end = range[1];
    GroupBy groupBy = groupBy(params.get("group_by"));
    String filterText = params.get("filter");
    Filter filter = filterText == null ? null : SpanFilters.parse(queries, Scope.SPAN, filterText);
    boolean oneBucket = "all".equals(params.get("bucket"));
    String groupKey = params.get("group_key");
    MetricsQuery series = checked(() -> oneBucket
        ? MetricsQuery.whole(project, start, end, groupBy, groupKey, filter)
        : new MetricsQuery(project, start, end, bucket(params.get("bucket"), end - start), 0, groupBy, groupKey,
            filter)).exactly(params.flag("exact", false));
    Metrics metrics = queries.metrics(series);
    RowDto totals = metrics.total() == null ? null : RowDto.of(metrics.total());
    return new DataDto<>(new SeriesDto(ApiTimes.format(start), ApiTimes.format(end), series.bucketSeconds(),
        groupBy.name().toLowerCase(Locale.ROOT), totals, metrics.rows().stream().map(RowDto::of).toList()));
  }

  /** {@code start_time} (default: 24 hours before {@code end_time}) and {@code end_time} (default: now). */
  private long[] range(Params params) {
    Long endParam = ApiTimes.parseNanos("end_time", params.get("end_time"));
    long end = endParam != null ? endParam : nanos(clock.instant()) + 1;
    Long startParam = ApiTimes.parseNanos("start_time", params.get("start_time"));
    long start = startParam != null ? startParam : end - Duration.ofDays(1).toNanos();
    if (end <= start) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "end_time must be after start_time");
    }
    return new long[] {start, end};
  }

  /** Traces the chains dashboard reads by default, and at most. */
  static final int CHAIN_SAMPLE = 100;
  static final int CHAIN_SAMPLE_MAX = 500;
  /** Failed chains listed, from the newest failed traces read. */
  static final int FAILED_CHAINS = 20;
  static final int FAILED_CHAINS_READ = 50;

  record FailedSpanDto(String spanId, String name, String statusMessage) {}

  /** A trace in which a span below the root failed, whatever the root's own status says. */
  record FailedChainDto(String traceId, String name, String startTime, String rootStatus, long errorCount,
      List<FailedSpanDto> failedSpans) {}

  record ChainsDto(String startTime, String endTime, int sampleLimit, int traces, ChainStats.Summary depth,
      ChainStats.Summary durationMs, ChainStats.Summary spans, double meanConcurrency, int peakConcurrency,
      int parallelTraces, List<ChainStats.OnPath> criticalPath, List<FailedChainDto> failedChains) {}

  /**
   * The chains dashboard: the shape of the newest {@code limit} traces (default {@value #CHAIN_SAMPLE}, at most
   * {@value #CHAIN_SAMPLE_MAX}) whose root started in the range and that the {@code filter} (a trace expression)
   * selects: depth, duration, span count, parallelism and the spans most often on the critical path; and the
   * newest failed chains in the range (traces where a span below the root failed).
   */
  @Get("/api/projects/{project}/chains")
  @ProducesJson
  public DataDto<ChainsDto> chains(@Param("project") String identifier, ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    String project = ids.project(identifier).name();
    long[] range = range(params);
    String filterText = params.get("filter");
    Filter filter = filterText == null ? null : SpanFilters.parse(queries, Scope.TRACE, filterText);
    int limit = params.limit(CHAIN_SAMPLE, CHAIN_SAMPLE_MAX);
    List<TraceSummary> sample = queries.traces(new TraceQuery(project, PageRequest.first(limit), range[0], range[1],
        filter, List.of(), TraceQuery.Sort.START_TIME, false, true)).items();
    Filter failed = Filter.and(filter, Filter.parse(Scope.TRACE, "error_count > 0"));
    List<FailedChainDto> failedChains = queries.traces(new TraceQuery(project, PageRequest.first(FAILED_CHAINS_READ),
        range[0], range[1], failed, List.of(), TraceQuery.Sort.START_TIME, false, true)).items().stream()
        .map(MetricsApi::failedChain).filter(java.util.Objects::nonNull).limit(FAILED_CHAINS).toList();
    ChainStats stats = ChainStats.of(sample);
    return new DataDto<>(new ChainsDto(ApiTimes.format(range[0]), ApiTimes.format(range[1]), limit, stats.traces(),
        stats.depth(), stats.durationMs(), stats.spans(), stats.meanConcurrency(), stats.peakConcurrency(),
        stats.parallelTraces(), stats.criticalPath(), failedChains));
  }

  /** The trace as a failed chain, or null when no span below its root failed. */
  private static FailedChainDto failedChain(TraceSummary trace) {
    Span root = trace.root().span();
    List<FailedSpanDto> failed = trace.spans().stream().map(StoredSpan::span)
        .filter(s -> s.statusCode() == StatusCode.ERROR && !s.spanId().equals(root.spanId()))
        .map(s -> new FailedSpanDto(s.spanId(), s.name(), s.statusMessage())).toList();
    return failed.isEmpty() ? null : new FailedChainDto(trace.traceId(), root.name(),
        ApiTimes.format(root.startTimeUnixNano()), root.statusCode().name(), trace.errorCount(), failed);
  }

  record ProjectionDto(String monthStart, String monthEnd, Double monthToDate, Double lastDay, Double projectedMonth,
      long unpricedSpans) {}

  /**
   * What the month will cost at the current rate: the cost so far this month (UTC) plus the last 24 hours' cost
   * per hour for every hour left. Calls without a price are counted, not guessed.
   */
  @Get("/api/projects/{project}/cost-projection")
  @ProducesJson
  public DataDto<ProjectionDto> projection(@Param("project") String identifier) {
    String project = ids.project(identifier).name();
    Instant now = clock.instant();
    YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
    long monthStart = nanos(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    long monthEnd = nanos(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    long nowNanos = nanos(now) + 1;
    CostTotal toDate = cost(project, monthStart, nowNanos);
    CostTotal lastDay = cost(project, nowNanos - Duration.ofDays(1).toNanos(), nowNanos);
    Double projected = null;
    if (toDate.cost() != null || lastDay.cost() != null) {
      double perNano = (lastDay.cost() == null ? 0 : lastDay.cost()) / Duration.ofDays(1).toNanos();
      projected = (toDate.cost() == null ? 0 : toDate.cost()) + perNano * (monthEnd - nowNanos);
    }
    return new DataDto<>(new ProjectionDto(ApiTimes.format(monthStart), ApiTimes.format(monthEnd), toDate.cost(),
        lastDay.cost(), projected, toDate.unpricedSpans()));
  }

  private CostTotal cost(String project, long start, long end) {
    MetricsRow total = queries.metrics(MetricsQuery.total(project, start, end, null)).total();
    return total == null ? CostTotal.NONE : total.cost();
  }

  private static MetricsQuery checked(java.util.function.Supplier<MetricsQuery> query) {
    try {
      return query.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }

  private static long bucket(String text, long rangeNanos) {
    if (text != null) {
      try {
        long seconds = Long.parseLong(text.trim());
        if (seconds >= 1) {
          return seconds;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "bucket must be a whole number of seconds, 1 or more: "
          + text);
    }
    for (long seconds : BUCKETS) {
      if (rangeNanos / (seconds * SECOND) <= 120) {
        return seconds;
      }
    }
    return BUCKETS[BUCKETS.length - 1];
  }

  private static GroupBy groupBy(String text) {
    if (text == null || text.isBlank()) {
      return GroupBy.NONE;
    }
    try {
      return GroupBy.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
          "group_by must be none, span_kind, model, status, name, status_message, exception_type, http_status or"
              + " attribute (with group_key): " + text);
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * SECOND + instant.getNano();
  }
}

package dev.arbor.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectStats;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import java.util.List;

/**
 * Reads for Arbor's web UI where Phoenix's REST shapes do not fit: table rows with input and output
 * previews, a whole trace with canonical LLM fields, a session with its traces. Same parameters, same
 * errors and the same {@link QueryService} as the Phoenix API.
 */
@Blocking
public final class UiApi {
  private final QueryService queries;
  private final Identifiers ids;

  public UiApi(QueryService queries) {
    this.queries = queries;
    this.ids = new Identifiers(queries);
  }

  record StatsDto(long traceCount, long errorTraceCount, Double errorRate, Double latencyP50Ms, Double latencyP99Ms,
      UiSpanDto.Tokens tokens, UiSpanDto.Cost cost, String lastActivity) {}

  @Get("/api/projects/{project}/stats")
  @ProducesJson
  public DataDto<StatsDto> stats(@Param("project") String identifier, ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    ProjectStats s = queries.projectStats(ids.project(identifier).name(),
        ApiTimes.parseNanos("start_time", params.get("start_time")), ApiTimes.parseNanos("end_time", params.get("end_time")));
    return new DataDto<>(new StatsDto(s.traceCount(), s.errorTraceCount(),
        s.traceCount() == 0 ? null : (double) s.errorTraceCount() / s.traceCount(), s.latencyP50Ms(), s.latencyP99Ms(),
        UiSpanDto.Tokens.of(s.tokens()), UiSpanDto.Cost.of(s.cost()), s.lastEndTimeUnixNano() == null ? null : ApiTimes.format(s.lastEndTimeUnixNano())));
  }

  @Get("/api/projects/{project}/traces")
  @ProducesJson
  public PageDto<UiRowDto> traces(@Param("project") String identifier, ServiceRequestContext ctx) {
    Page<TraceSummary> page = queries.traces(TracesApi.query(ids.project(identifier), Params.of(ctx), ids, queries));
    return new PageDto<>(page.items().stream().map(UiRowDto::ofTrace).toList(), GlobalIds.next("Trace", page));
  }

  /**
   * Attribute keys seen on the project's most recent spans (up to {@link #KEY_SAMPLE} of them), written as the
   * filter language names them ({@code attributes['k']}, {@code attributes['k']['nested']}): what the filter
   * bar offers to complete. Keys with quotes in them are left out.
   */
  @Get("/api/projects/{project}/attribute-keys")
  @ProducesJson
  public DataDto<List<String>> attributeKeys(@Param("project") String identifier) {
    Page<StoredSpan> recent = queries.spans(SpanQuery.of(ids.project(identifier).name(), KEY_SAMPLE));
    java.util.SortedSet<String> keys = new java.util.TreeSet<>();
    for (StoredSpan span : recent.items()) {
      collectKeys("attributes", span.span().attributes(), keys);
    }
    return new DataDto<>(List.copyOf(keys));
  }

  static final int KEY_SAMPLE = 200;

  private static void collectKeys(String prefix, java.util.Map<?, ?> map, java.util.Set<String> keys) {
    for (var entry : map.entrySet()) {
      String name = String.valueOf(entry.getKey());
      if (name.contains("'") || name.contains("\"") || name.contains("\\")) {
        continue;
      }
      String path = prefix + "['" + name + "']";
      if (entry.getValue() instanceof java.util.Map<?, ?> nested && !nested.isEmpty()) {
        collectKeys(path, nested, keys);
      } else {
        keys.add(path);
      }
    }
  }

  @Get("/api/projects/{project}/spans")
  @ProducesJson
  public PageDto<UiRowDto> spans(@Param("project") String identifier, ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    SpanQuery.Sort sort = switch (params.choice("sort", "stored", "stored", "start_time", "latency_ms", "cost")) {
      case "start_time" -> SpanQuery.Sort.START_TIME;
      case "latency_ms" -> SpanQuery.Sort.LATENCY;
      case "cost" -> SpanQuery.Sort.COST;
      default -> SpanQuery.Sort.STORED;
    };
    Page<StoredSpan> page = queries.spans(SpansApi.query(ids.project(identifier), params, queries)
        .sorted(sort, params.choice("order", "desc", "asc", "desc").equals("asc")));
    return new PageDto<>(page.items().stream().map(UiRowDto::ofSpan).toList(), GlobalIds.next("Span", page));
  }

  /**
   * The project's sessions, newest first: with {@code start_time}/{@code end_time} and a trace {@code filter}, only
   * those with a trace whose root started in the window and that the filter selects.
   */
  @Get("/api/projects/{project}/sessions")
  @ProducesJson
  public PageDto<SessionDto> sessions(@Param("project") String identifier, ServiceRequestContext ctx) {
    Project project = ids.project(identifier);
    Params params = Params.of(ctx);
    String filter = params.get("filter");
    Page<SessionSummary> page = queries.sessions(new dev.arbor.store.SessionQuery(project.name(),
        params.page("ProjectSession", 100, 1000), true, ApiTimes.parseNanos("start_time", params.get("start_time")),
        ApiTimes.parseNanos("end_time", params.get("end_time")),
        filter == null ? null : SpanFilters.parse(queries, dev.arbor.store.filter.Scope.TRACE, filter)));
    return new PageDto<>(page.items().stream().map(s -> SessionDto.of(s, project)).toList(),
        GlobalIds.next("ProjectSession", page));
  }

  /** A trace with the traces before and after it in the project's list (newest first), for stepping through. */
  record TraceView(String traceId, String project, List<UiSpanDto> spans, String newerTraceId, String olderTraceId) {}

  /**
   * A trace with its neighbours in the project's list; {@code filter} (a trace expression) and {@code start_time}
   * make them the neighbours in the list the trace was opened from.
   */
  @Get("/api/traces/{trace}")
  @ProducesJson
  public DataDto<TraceView> trace(@Param("trace") String identifier, ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    String filterText = params.get("filter");
    dev.arbor.store.filter.Filter filter = filterText == null ? null
        : SpanFilters.parse(queries, dev.arbor.store.filter.Scope.TRACE, filterText);
    Long start = ApiTimes.parseNanos("start_time", params.get("start_time"));
    List<StoredSpan> spans = queries.trace(ids.traceId(identifier));
    String project = spans.get(0).span().project();
    long traceStart = spans.stream().mapToLong(s -> s.span().startTimeUnixNano()).min().orElseThrow();
    StoredSpan root = spans.stream().filter(s -> s.span().parentSpanId() == null).findFirst().orElse(null);
    return new DataDto<>(new TraceView(spans.get(0).span().traceId(), project,
        spans.stream().map(s -> UiSpanDto.of(s, traceStart)).toList(), neighbour(project, root, true, filter, start),
        neighbour(project, root, false, filter, start)));
  }

  /** The trace next to the one rooted at {@code root} in start order, newer or older; null at either end. */
  private String neighbour(String project, StoredSpan root, boolean newer, dev.arbor.store.filter.Filter filter,
      Long start) {
    if (root == null) {
      return null;
    }
    TraceQuery query = new TraceQuery(project, dev.arbor.store.PageRequest.of(root.id(), 2), start, null, filter,
        List.of(), TraceQuery.Sort.START_TIME, newer, false);
    List<TraceSummary> page = queries.traces(query).items();
    // The page starts at the cursor's trace when it is in the list; when the filter leaves it out, the first is
    // already the neighbour.
    List<TraceSummary> others = page.stream().filter(t -> !t.traceId().equals(root.span().traceId())).toList();
    return others.isEmpty() ? null : others.get(0).traceId();
  }

  /**
   * A session with a page of its traces in start order; {@code tracesNextCursor} continues the list through
   * {@code /api/projects/{project}/traces?session_identifier=…&order=asc&cursor=…}.
   */
  record SessionView(SessionDto session, String project, List<UiRowDto> traces, String tracesNextCursor) {}

  @Get("/api/sessions/{session}")
  @ProducesJson
  public DataDto<SessionView> session(@Param("session") String identifier, ServiceRequestContext ctx) {
    SessionSummary session = ids.session(identifier);
    Project project = ids.project(session.project());
    TraceQuery query = new TraceQuery(project.name(), Params.of(ctx).page("Trace", 100, 1000), null, null, null,
        List.of(session.sessionId()), TraceQuery.Sort.START_TIME, true, false);
    Page<TraceSummary> page = queries.traces(query);
    return new DataDto<>(new SessionView(SessionDto.of(session, project), project.name(),
        page.items().stream().map(UiRowDto::ofTrace).toList(), GlobalIds.next("Trace", page)));
  }
}

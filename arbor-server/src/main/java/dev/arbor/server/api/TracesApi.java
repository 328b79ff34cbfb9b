package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.filter.Scope;
import java.util.List;

/** Phoenix REST v1: traces of a project with their roll-ups, and trace deletion. */
@Blocking
public final class TracesApi {
  private final QueryService queries;
  private final ChangeService changes;
  private final Identifiers ids;

  public TracesApi(QueryService queries, ChangeService changes) {
    this.queries = queries;
    this.changes = changes;
    this.ids = new Identifiers(queries);
  }

  @Get("/v1/projects/{project}/traces")
  @ProducesJson
  public PageDto<TraceDto> list(@Param("project") String identifier, ServiceRequestContext ctx) {
    Project project = ids.project(identifier);
    TraceQuery query = query(project, Params.of(ctx), ids, queries);
    Page<TraceSummary> page = queries.traces(query);
    boolean includeSpans = query.includeSpans();
    return new PageDto<>(page.items().stream().map(t -> TraceDto.of(t, project, includeSpans)).toList(),
        GlobalIds.next("Trace", page));
  }

  /** The trace query Phoenix's parameters ask for (cursor, limit, times, sessions, sort, order, filter). */
  static TraceQuery query(Project project, Params params, Identifiers ids, QueryService queries) {
    List<String> sessions = params.all("session_identifier").stream()
        .map(s -> GlobalIds.parse("ProjectSession", s) != null ? ids.session(s).sessionId() : s).toList();
    TraceQuery query = new TraceQuery(project.name(), params.page("Trace", 100, 1000),
        ApiTimes.parseNanos("start_time", params.get("start_time")),
        ApiTimes.parseNanos("end_time", params.get("end_time")), null, sessions,
        switch (params.choice("sort", "start_time", "start_time", "latency_ms", "cost")) {
          case "latency_ms" -> TraceQuery.Sort.LATENCY;
          case "cost" -> TraceQuery.Sort.COST;
          default -> TraceQuery.Sort.START_TIME;
        },
        params.choice("order", "desc", "asc", "desc").equals("asc"), params.flag("include_spans", false));
    String filter = params.get("filter");
    return filter == null ? query : query.withFilter(SpanFilters.parse(queries, Scope.TRACE, filter));
  }

  @Delete("/v1/traces/{trace}")
  public HttpResponse delete(@Param("trace") String identifier) {
    changes.deleteTrace(ids.traceId(identifier));
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }
}

package dev.arbor.server.api;

import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.SessionSummary;
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

  @Get("/api/projects/{project}/traces")
  @ProducesJson
  public PageDto<UiRowDto> traces(@Param("project") String identifier, ServiceRequestContext ctx) {
    Page<TraceSummary> page = queries.traces(TracesApi.query(ids.project(identifier), Params.of(ctx), ids, queries));
    return new PageDto<>(page.items().stream().map(UiRowDto::ofTrace).toList(), GlobalIds.next("Trace", page));
  }

  @Get("/api/projects/{project}/spans")
  @ProducesJson
  public PageDto<UiRowDto> spans(@Param("project") String identifier, ServiceRequestContext ctx) {
    Page<StoredSpan> page = queries.spans(SpansApi.query(ids.project(identifier), Params.of(ctx), queries));
    return new PageDto<>(page.items().stream().map(UiRowDto::ofSpan).toList(), GlobalIds.next("Span", page));
  }

  record TraceView(String traceId, String project, List<UiSpanDto> spans) {}

  @Get("/api/traces/{trace}")
  @ProducesJson
  public DataDto<TraceView> trace(@Param("trace") String identifier) {
    List<StoredSpan> spans = queries.trace(ids.traceId(identifier));
    return new DataDto<>(new TraceView(spans.get(0).span().traceId(), spans.get(0).span().project(),
        spans.stream().map(UiSpanDto::of).toList()));
  }

  record SessionView(SessionDto session, String project, List<UiRowDto> traces) {}

  @Get("/api/sessions/{session}")
  @ProducesJson
  public DataDto<SessionView> session(@Param("session") String identifier) {
    SessionSummary session = ids.session(identifier);
    Project project = ids.project(session.project());
    TraceQuery query = new TraceQuery(project.name(), dev.arbor.store.PageRequest.first(1000), null, null, null,
        List.of(session.sessionId()), TraceQuery.Sort.START_TIME, true, false);
    List<UiRowDto> traces = queries.traces(query).items().stream().map(UiRowDto::ofTrace).toList();
    return new DataDto<>(new SessionView(SessionDto.of(session, project), project.name(), traces));
  }
}

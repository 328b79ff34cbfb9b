package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.SessionQuery;
import dev.arbor.store.SessionSummary;
import java.util.ArrayList;
import java.util.List;

/** Phoenix REST v1: sessions (spans sharing a {@code session.id}) with their traces and totals. */
@Blocking
public final class SessionsApi {
  private final QueryService queries;
  private final ChangeService changes;
  private final Identifiers ids;

  public SessionsApi(QueryService queries, ChangeService changes) {
    this.queries = queries;
    this.changes = changes;
    this.ids = new Identifiers(queries);
  }

  @Get("/v1/projects/{project}/sessions")
  @ProducesJson
  public PageDto<SessionDto> list(@Param("project") String identifier, ServiceRequestContext ctx) {
    Project project = ids.project(identifier);
    Params params = Params.of(ctx);
    Page<SessionSummary> page = queries.sessions(new SessionQuery(project.name(),
        params.page("ProjectSession", 100, 1000), params.choice("order", "asc", "asc", "desc").equals("desc")));
    return new PageDto<>(page.items().stream().map(s -> SessionDto.of(s, project)).toList(),
        GlobalIds.next("ProjectSession", page));
  }

  @Get("/v1/sessions/{session}")
  @ProducesJson
  public DataDto<SessionDto> get(@Param("session") String identifier) {
    SessionSummary session = ids.session(identifier);
    return new DataDto<>(SessionDto.of(session, ids.project(session.project())));
  }

  @Delete("/v1/sessions/{session}")
  public HttpResponse delete(@Param("session") String identifier) {
    changes.deleteSessions(List.of(ids.session(identifier).sessionId()));
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  record DeleteSessions(List<String> sessionIdentifiers) {}

  /** Deletes sessions given all as global ids or all as session ids; unknown ones are skipped. */
  @Post("/v1/sessions/delete")
  public HttpResponse deleteMany(AggregatedHttpRequest request) {
    List<String> identifiers = ApiJson.required(ApiJson.read(request, DeleteSessions.class).sessionIdentifiers(),
        "session_identifiers");
    if (identifiers.isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "session_identifiers must not be empty");
    }
    long global = identifiers.stream().filter(i -> GlobalIds.parse("ProjectSession", i) != null).count();
    if (global != 0 && global != identifiers.size()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
          "session_identifiers must be all global ids or all session ids, not a mix");
    }
    List<String> sessionIds = new ArrayList<>();
    for (String identifier : identifiers) {
      Long id = GlobalIds.parse("ProjectSession", identifier);
      if (id == null) {
        sessionIds.add(identifier);
      } else {
        queries.session(id).ifPresent(s -> sessionIds.add(s.sessionId()));
      }
    }
    changes.deleteSessions(sessionIds);
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }
}

package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.StoredSpan;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** Phoenix REST v1 read endpoints for projects and spans. */
@Blocking
public final class PhoenixApi {
  private static final int DEFAULT_LIMIT = 100;

  private final QueryService queries;

  public PhoenixApi(QueryService queries) {
    this.queries = queries;
  }

  @Get("/v1/projects")
  @ProducesJson
  public PageDto<ProjectDto> projects(@Param("cursor") @Nullable String cursor, @Param("limit") @Nullable String limit) {
    Page<Project> page = queries.projects(PageRequest.of(GlobalIds.cursor("Project", cursor), limit(limit)));
    return new PageDto<>(page.items().stream().map(PhoenixApi::project).toList(),
        page.nextCursor().isPresent() ? GlobalIds.of("Project", page.nextCursor().getAsLong()) : null);
  }

  @Get("/v1/projects/{project}/spans")
  @ProducesJson
  public PageDto<SpanDto> spans(@Param("project") String identifier, @Param("cursor") @Nullable String cursor,
      @Param("limit") @Nullable String limit, @Param("start_time") @Nullable String startTime,
      @Param("end_time") @Nullable String endTime) {
    Project project = resolve(identifier);
    SpanQuery query = query(project.name(), PageRequest.of(GlobalIds.cursor("Span", cursor), limit(limit)),
        ApiTimes.parseNanos("start_time", startTime), ApiTimes.parseNanos("end_time", endTime));
    Page<StoredSpan> page = queries.spans(query);
    return new PageDto<>(page.items().stream().map(PhoenixApi::span).toList(),
        page.nextCursor().isPresent() ? GlobalIds.of("Span", page.nextCursor().getAsLong()) : null);
  }

  private static SpanQuery query(String project, PageRequest page, Long start, Long end) {
    try {
      return new SpanQuery(project, page, start, end);
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }

  /** A project by name, else by global id; 404 if neither. */
  private Project resolve(String identifier) {
    Optional<Project> byName = queries.project(identifier);
    if (byName.isPresent()) {
      return byName.get();
    }
    Long id = GlobalIds.parse("Project", identifier);
    if (id != null) {
      List<Project> atMost = queries.projects(PageRequest.of(id, 1)).items();
      if (!atMost.isEmpty() && atMost.get(0).id() == id) {
        return atMost.get(0);
      }
    }
    throw new ApiException(HttpStatus.NOT_FOUND, "Project not found: " + identifier);
  }

  private static int limit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= PageRequest.MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
        "limit must be a whole number between 1 and " + PageRequest.MAX_LIMIT + ": " + limit);
  }

  private static ProjectDto project(Project p) {
    return new ProjectDto(GlobalIds.of("Project", p.id()), p.name(), p.description());
  }

  private static SpanDto span(StoredSpan stored) {
    Span s = stored.span();
    return new SpanDto(GlobalIds.of("Span", stored.id()), s.name(), new SpanDto.ContextDto(s.traceId(), s.spanId()),
        s.llm().spanKind().name(), s.parentSpanId(), ApiTimes.format(s.startTimeUnixNano()),
        ApiTimes.format(s.endTimeUnixNano()), s.statusCode().name(), s.statusMessage(), s.attributes(),
        s.events().stream().map(PhoenixApi::event).toList());
  }

  private static SpanDto.EventDto event(SpanEvent e) {
    return new SpanDto.EventDto(e.name(), ApiTimes.format(e.timeUnixNano()), e.attributes());
  }
}

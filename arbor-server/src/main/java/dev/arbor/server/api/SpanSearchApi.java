package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.model.Span;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.filter.Field;
import dev.arbor.store.filter.Filters;
import dev.arbor.store.filter.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phoenix's span query endpoint, {@code POST /v1/spans}: one result per query of the body, each the spans
 * its filter condition selects (newest first), as flat records named like Phoenix's span dataframe columns
 * ({@code context.span_id}, {@code attributes.llm.model_name}, …). Answered in JSON; {@code select},
 * {@code explode} and {@code concat} are not applied (every column is returned).
 */
@Blocking
public final class SpanSearchApi {
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 100_000;

  private final QueryService queries;
  private final Identifiers ids;

  public SpanSearchApi(QueryService queries) {
    this.queries = queries;
    this.ids = new Identifiers(queries);
  }

  record Condition(String condition) {}

  record Query(Condition filter) {}

  record Body(List<Query> queries, String startTime, String endTime, String stopTime, Integer limit,
      Boolean rootSpansOnly, String projectName) {}

  @Post("/v1/spans")
  @ProducesJson
  public DataDto<List<List<Map<String, Object>>>> search(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    Body body = ApiJson.read(request, Body.class);
    String projectParam = Params.of(ctx).get("project_name");
    String identifier = projectParam != null ? projectParam
        : body.projectName() != null ? body.projectName() : ChangeService.DEFAULT_PROJECT;
    Project project = ids.project(identifier);
    int limit = body.limit() == null ? DEFAULT_LIMIT : body.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
    List<Query> list = body.queries() == null || body.queries().isEmpty() ? List.of(new Query(null)) : body.queries();
    SpanQuery base = new SpanQuery(project.name(), PageRequest.first(Math.min(limit, PageRequest.MAX_LIMIT)),
        ApiTimes.parseNanos("start_time", body.startTime()),
        ApiTimes.parseNanos("end_time", body.endTime() != null ? body.endTime() : body.stopTime()), null);
    if (Boolean.TRUE.equals(body.rootSpansOnly())) {
      base = base.withFilter(Filters.isNull(Scope.SPAN, Field.PARENT_ID));
    }
    List<List<Map<String, Object>>> results = new ArrayList<>();
    for (Query q : list) {
      SpanQuery query = q == null || q.filter() == null || q.filter().condition() == null
          || q.filter().condition().isBlank() ? base
          : base.withFilter(SpanFilters.parse(queries, Scope.SPAN, q.filter().condition()));
      results.add(rows(query, limit));
    }
    return new DataDto<>(results);
  }

  private List<Map<String, Object>> rows(SpanQuery query, int limit) {
    List<Map<String, Object>> rows = new ArrayList<>();
    while (true) {
      Page<StoredSpan> page = queries.spans(query);
      for (StoredSpan s : page.items()) {
        if (rows.size() == limit) {
          return rows;
        }
        rows.add(row(s.span()));
      }
      if (page.nextCursor().isEmpty() || rows.size() == limit) {
        return rows;
      }
      query = query.withPage(PageRequest.of(page.nextCursor().getAsLong(),
          Math.min(PageRequest.MAX_LIMIT, limit - rows.size())));
    }
  }

  private static Map<String, Object> row(Span s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("context.span_id", s.spanId());
    row.put("context.trace_id", s.traceId());
    row.put("parent_id", s.parentSpanId());
    row.put("name", s.name());
    row.put("span_kind", s.llm().spanKind().name());
    row.put("start_time", ApiTimes.format(s.startTimeUnixNano()));
    row.put("end_time", ApiTimes.format(s.endTimeUnixNano()));
    row.put("status_code", s.statusCode().name());
    row.put("status_message", s.statusMessage());
    row.put("events", s.events().stream().map(e -> Map.of("name", e.name(),
        "timestamp", ApiTimes.format(e.timeUnixNano()), "attributes", e.attributes())).toList());
    s.attributes().forEach((key, value) -> row.put("attributes." + key, value));
    return row;
  }
}

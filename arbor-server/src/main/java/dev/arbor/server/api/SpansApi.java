package dev.arbor.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.model.Span;
import dev.arbor.otlp.DecodedBatch;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.ingest.IngestPipeline;
import dev.arbor.server.ingest.QueueFullException;
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
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/** Phoenix REST v1: spans of a project (list, log, delete). */
@Blocking
public final class SpansApi {
  private final QueryService queries;
  private final ChangeService changes;
  private final IngestPipeline pipeline;
  private final Identifiers ids;

  public SpansApi(QueryService queries, ChangeService changes, IngestPipeline pipeline) {
    this.queries = queries;
    this.changes = changes;
    this.pipeline = pipeline;
    this.ids = new Identifiers(queries);
  }

  @Get("/v1/projects/{project}/spans")
  @ProducesJson
  public PageDto<SpanDto> list(@Param("project") String identifier, ServiceRequestContext ctx) {
    Page<StoredSpan> page = queries.spans(query(ids.project(identifier), Params.of(ctx), queries));
    return new PageDto<>(page.items().stream().map(SpanDto::of).toList(), GlobalIds.next("Span", page));
  }

  /** The span query Phoenix's parameters ask for (cursor, limit, times, ids, names, kinds, attributes, filter). */
  static SpanQuery query(Project project, Params params, QueryService queries) {
    return SpanFilters.apply(params, new SpanQuery(project.name(), params.page("Span", 100, 1000),
        ApiTimes.parseNanos("start_time", params.get("start_time")),
        ApiTimes.parseNanos("end_time", params.get("end_time")), null), queries);
  }

  record LogSpans(List<SpanDto> data) {}

  record LogSpansResult(int totalReceived, int totalQueued) {}

  @Post("/v1/projects/{project}/spans")
  public HttpResponse log(@Param("project") String identifier, AggregatedHttpRequest request)
      throws JsonProcessingException {
    String project = GlobalIds.parse("Project", identifier) != null ? ids.project(identifier).name() : identifier;
    List<SpanDto> data = ApiJson.required(ApiJson.read(request, LogSpans.class).data(), "data");
    List<Span> spans = new ArrayList<>();
    List<Map<String, String>> invalid = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      try {
        spans.add(SpanInputs.toSpan(project, ApiJson.required(data.get(i), "data[" + i + "]")));
      } catch (IllegalArgumentException e) {
        invalid.add(Map.of("index", String.valueOf(i), "error", e.getMessage()));
      }
    }
    List<String> duplicates = duplicates(project, spans);
    if (!invalid.isEmpty() || !duplicates.isEmpty()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "no span was stored: " + invalid.size() + " invalid, " + duplicates.size() + " already stored");
      body.put("invalid_spans", invalid);
      body.put("duplicate_spans", duplicates);
      return HttpResponse.of(HttpStatus.BAD_REQUEST, MediaType.PLAIN_TEXT_UTF_8, ApiJson.MAPPER.writeValueAsString(body));
    }
    try {
      pipeline.submit(new DecodedBatch(spans, 0, "", 0), request.content().length()).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof QueueFullException) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.SERVICE_UNAVAILABLE)
            .contentType(MediaType.PLAIN_TEXT_UTF_8).add(HttpHeaderNames.RETRY_AFTER, "1").build(),
            com.linecorp.armeria.common.HttpData.ofUtf8("ingest queue is full; retry later"));
      }
      throw e;
    }
    return HttpResponse.of(HttpStatus.ACCEPTED, MediaType.JSON_UTF_8,
        ApiJson.MAPPER.writeValueAsString(new LogSpansResult(data.size(), spans.size())));
  }

  /** The span ids of {@code spans} (in the same trace) that are already stored, or repeated in the request. */
  private List<String> duplicates(String project, List<Span> spans) {
    List<String> duplicates = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Span s : spans) {
      if (!seen.add(s.traceId() + s.spanId())) {
        duplicates.add(s.spanId());
      }
    }
    for (int from = 0; from < spans.size(); from += PageRequest.MAX_LIMIT) {
      List<Span> chunk = spans.subList(from, Math.min(spans.size(), from + PageRequest.MAX_LIMIT));
      Set<String> keys = chunk.stream().map(s -> s.traceId() + s.spanId()).collect(Collectors.toSet());
      SpanQuery query = SpanQuery.of(project, PageRequest.MAX_LIMIT)
          .withFilter(Filters.anyOf(Scope.SPAN, Field.SPAN_ID, chunk.stream().map(Span::spanId).toList()));
      for (StoredSpan stored : queries.spans(query).items()) {
        if (keys.contains(stored.span().traceId() + stored.span().spanId())) {
          duplicates.add(stored.span().spanId());
        }
      }
    }
    return duplicates;
  }

  @Delete("/v1/spans/{span}")
  public HttpResponse delete(@Param("span") String identifier) {
    changes.deleteSpan(ids.span(identifier).span().spanId());
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }
}

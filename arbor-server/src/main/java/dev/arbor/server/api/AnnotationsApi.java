package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.AnnotationTarget;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.UnknownTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Phoenix REST v1: annotations on spans, traces, sessions and documents (upserted on target, name and
 * identifier), their lists per project, and notes (annotations named {@code note}, one per call unless an
 * identifier is given). Writes are synchronous: the ids are returned whatever {@code sync} says.
 */
@Blocking
public final class AnnotationsApi {
  private static final Set<String> KINDS = Set.of("LLM", "CODE", "HUMAN");
  private static final String NOTE = "note";

  private final QueryService queries;
  private final ChangeService changes;
  private final Identifiers ids;

  public AnnotationsApi(QueryService queries, ChangeService changes) {
    this.queries = queries;
    this.changes = changes;
    this.ids = new Identifiers(queries);
  }

  record Result(String label, Double score, String explanation) {}

  record AnnotationBody(String spanId, String traceId, String sessionId, Integer documentPosition, String name,
      String annotatorKind, Result result, Map<String, Object> metadata, String identifier) {}

  record Annotations(List<AnnotationBody> data) {}

  record Id(String id) {}

  @Post("/v1/span_annotations")
  @ProducesJson
  public DataDto<List<Id>> spanAnnotations(AggregatedHttpRequest request) {
    return write(AnnotationTarget.SPAN, request);
  }

  @Post("/v1/trace_annotations")
  @ProducesJson
  public DataDto<List<Id>> traceAnnotations(AggregatedHttpRequest request) {
    return write(AnnotationTarget.TRACE, request);
  }

  @Post("/v1/session_annotations")
  @ProducesJson
  public DataDto<List<Id>> sessionAnnotations(AggregatedHttpRequest request) {
    return write(AnnotationTarget.SESSION, request);
  }

  @Post("/v1/document_annotations")
  @ProducesJson
  public DataDto<List<Id>> documentAnnotations(AggregatedHttpRequest request) {
    return write(AnnotationTarget.DOCUMENT, request);
  }

  private DataDto<List<Id>> write(AnnotationTarget target, AggregatedHttpRequest request) {
    List<AnnotationBody> data = ApiJson.required(ApiJson.read(request, Annotations.class).data(), "data");
    List<AnnotationInput> inputs = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      inputs.add(input(target, ApiJson.required(data.get(i), "data[" + i + "]"), "data[" + i + "]."));
    }
    return new DataDto<>(ids(target, store(inputs)));
  }

  private List<Long> store(List<AnnotationInput> inputs) {
    try {
      return changes.annotate(inputs);
    } catch (UnknownTargetException e) {
      throw new ApiException(HttpStatus.NOT_FOUND, capitalised(e.getMessage()));
    }
  }

  private static String capitalised(String message) {
    return Character.toUpperCase(message.charAt(0)) + message.substring(1);
  }

  private static AnnotationInput input(AnnotationTarget target, AnnotationBody a, String at) {
    String name = ApiJson.required(a.name(), at + "name");
    if (NOTE.equals(name)) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "the annotation name 'note' is reserved for notes; use /v1/"
          + target.name().toLowerCase(Locale.ROOT) + "_notes");
    }
    String kind = ApiJson.required(a.annotatorKind(), at + "annotator_kind").toUpperCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, at + "annotator_kind must be LLM, CODE or HUMAN: "
          + a.annotatorKind());
    }
    if (target == AnnotationTarget.DOCUMENT) {
      ApiJson.required(a.documentPosition(), at + "document_position");
      if (a.identifier() != null && !a.identifier().isEmpty()) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, at + "identifier is not supported on documents");
      }
    }
    Result r = a.result() == null ? new Result(null, null, null) : a.result();
    try {
      return new AnnotationInput(target, targetId(target, a, at),
          target == AnnotationTarget.DOCUMENT ? a.documentPosition() : null, name, kind, r.label(), r.score(),
          r.explanation(), a.metadata(), a.identifier(), "API");
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, at + e.getMessage());
    }
  }

  private static String targetId(AnnotationTarget target, AnnotationBody a, String at) {
    return switch (target) {
      case SPAN, DOCUMENT -> hex(ApiJson.required(a.spanId(), at + "span_id"), 16, at + "span_id");
      case TRACE -> hex(ApiJson.required(a.traceId(), at + "trace_id"), 32, at + "trace_id");
      case SESSION -> ApiJson.required(a.sessionId(), at + "session_id");
    };
  }

  private static String hex(String value, int digits, String field) {
    var pattern = digits == 16 ? Identifiers.SPAN_HEX : Identifiers.TRACE_HEX;
    if (!pattern.matcher(value).matches()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, field + " must be " + digits + " hex digits: " + value);
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static List<Id> ids(AnnotationTarget target, List<Long> ids) {
    return ids.stream().map(id -> new Id(GlobalIds.of(AnnotationDto.type(target), id))).toList();
  }

  @Get("/v1/projects/{project}/span_annotations")
  @ProducesJson
  public PageDto<Map<String, Object>> listSpanAnnotations(@Param("project") String project, ServiceRequestContext ctx) {
    return list(AnnotationTarget.SPAN, project, "span_ids", ctx);
  }

  @Get("/v1/projects/{project}/trace_annotations")
  @ProducesJson
  public PageDto<Map<String, Object>> listTraceAnnotations(@Param("project") String project, ServiceRequestContext ctx) {
    return list(AnnotationTarget.TRACE, project, "trace_ids", ctx);
  }

  @Get("/v1/projects/{project}/session_annotations")
  @ProducesJson
  public PageDto<Map<String, Object>> listSessionAnnotations(@Param("project") String project,
      ServiceRequestContext ctx) {
    return list(AnnotationTarget.SESSION, project, "session_ids", ctx);
  }

  private PageDto<Map<String, Object>> list(AnnotationTarget target, String identifier, String idsParam,
      ServiceRequestContext ctx) {
    Project project = ids.project(identifier);
    Params params = Params.of(ctx);
    List<String> targetIds = params.all(idsParam).stream()
        .map(id -> target == AnnotationTarget.SESSION ? id : id.toLowerCase(Locale.ROOT)).toList();
    String type = AnnotationDto.type(target);
    Page<Annotation> page = queries.annotations(new AnnotationQuery(project.name(), target, targetIds,
        params.raw("identifier"), params.raw("include_annotation_names"), params.raw("exclude_annotation_names"),
        params.page(type, 10, 10_000)));
    return new PageDto<>(page.items().stream().map(AnnotationDto::of).toList(), GlobalIds.next(type, page));
  }

  record NoteBody(String spanId, String traceId, String sessionId, String note, String identifier) {}

  record Note(NoteBody data) {}

  @Post("/v1/span_notes")
  @ProducesJson
  public DataDto<Id> spanNote(AggregatedHttpRequest request) {
    return note(AnnotationTarget.SPAN, request);
  }

  @Post("/v1/trace_notes")
  @ProducesJson
  public DataDto<Id> traceNote(AggregatedHttpRequest request) {
    return note(AnnotationTarget.TRACE, request);
  }

  @Post("/v1/session_notes")
  @ProducesJson
  public DataDto<Id> sessionNote(AggregatedHttpRequest request) {
    return note(AnnotationTarget.SESSION, request);
  }

  private DataDto<Id> note(AnnotationTarget target, AggregatedHttpRequest request) {
    NoteBody n = ApiJson.required(ApiJson.read(request, Note.class).data(), "data");
    String text = ApiJson.required(n.note(), "data.note");
    String identifier = n.identifier() == null || n.identifier().isEmpty()
        ? "px-" + target.name().toLowerCase(Locale.ROOT) + "-note:" + UUID.randomUUID() : n.identifier();
    AnnotationBody body = new AnnotationBody(n.spanId(), n.traceId(), n.sessionId(), null, NOTE, "HUMAN",
        null, Map.of(), identifier);
    AnnotationInput input = new AnnotationInput(target, targetId(target, body, "data."), null, NOTE, "HUMAN", null,
        null, text, Map.of(), identifier, "API");
    return new DataDto<>(ids(target, store(List.of(input))).get(0));
  }
}

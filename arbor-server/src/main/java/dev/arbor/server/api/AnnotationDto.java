package dev.arbor.server.api;

import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationTarget;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phoenix's annotation as listed: id, times, source, user, name, annotator kind, result, metadata,
 * identifier and the target's id under its own key ({@code span_id}, {@code trace_id} or {@code session_id}).
 */
final class AnnotationDto {
  private AnnotationDto() {}

  /** The global id type of an annotation on {@code target}. */
  static String type(AnnotationTarget target) {
    return switch (target) {
      case SPAN -> "SpanAnnotation";
      case TRACE -> "TraceAnnotation";
      case SESSION -> "ProjectSessionAnnotation";
      case DOCUMENT -> "DocumentAnnotation";
    };
  }

  static Map<String, Object> of(Annotation a) {
    AnnotationInput in = a.input();
    Map<String, Object> dto = new LinkedHashMap<>();
    dto.put("id", GlobalIds.of(type(in.target()), a.id()));
    dto.put("created_at", time(a.createdAt()));
    dto.put("updated_at", time(a.updatedAt()));
    dto.put("source", in.source());
    dto.put("user_id", null);
    dto.put("name", in.name());
    dto.put("annotator_kind", in.annotatorKind());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("label", in.label());
    result.put("score", in.score());
    result.put("explanation", in.explanation());
    dto.put("result", result);
    dto.put("metadata", in.metadata());
    dto.put("identifier", in.identifier());
    switch (in.target()) {
      case SPAN, DOCUMENT -> dto.put("span_id", in.targetId());
      case TRACE -> dto.put("trace_id", in.targetId());
      case SESSION -> dto.put("session_id", in.targetId());
    }
    if (in.documentPosition() != null) {
      dto.put("document_position", in.documentPosition());
    }
    return dto;
  }

  private static String time(Instant instant) {
    return ApiTimes.format(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
  }
}

package dev.arbor.server.api;

import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.StatusCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spans logged as JSON (Phoenix's {@code POST /v1/projects/{project}/spans}) turned into model spans, or the
 * reason one is invalid. Nested attribute objects are flattened to dotted keys, as OpenInference writes them.
 */
final class SpanInputs {
  private SpanInputs() {}

  /** The span, or throws {@link IllegalArgumentException} saying what is wrong with it. */
  static Span toSpan(String project, SpanDto in) {
    if (in.name() == null || in.name().isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (in.context() == null || in.context().traceId() == null || in.context().spanId() == null) {
      throw new IllegalArgumentException("context.trace_id and context.span_id are required");
    }
    String traceId = hex(in.context().traceId(), Identifiers.TRACE_HEX, "context.trace_id");
    String spanId = hex(in.context().spanId(), Identifiers.SPAN_HEX, "context.span_id");
    String parentId = in.parentId() == null ? null : hex(in.parentId(), Identifiers.SPAN_HEX, "parent_id");
    long start = time(in.startTime(), "start_time");
    long end = time(in.endTime(), "end_time");
    if (end < start) {
      throw new IllegalArgumentException("end_time is before start_time");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    if (in.attributes() != null) {
      flatten("", in.attributes(), attributes);
    }
    if (in.spanKind() != null && !attributes.containsKey("openinference.span.kind")) {
      attributes.put("openinference.span.kind", in.spanKind().toUpperCase(Locale.ROOT));
    }
    List<SpanEvent> events = new ArrayList<>();
    if (in.events() != null) {
      for (SpanDto.EventDto e : in.events()) {
        Map<String, Object> eventAttributes = new LinkedHashMap<>();
        if (e.attributes() != null) {
          flatten("", e.attributes(), eventAttributes);
        }
        events.add(SpanEvent.of(e.name() == null ? "" : e.name(), time(e.timestamp(), "events.timestamp"),
            eventAttributes));
      }
    }
    return Span.builder().project(project).traceId(traceId).spanId(spanId).parentSpanId(parentId).name(in.name())
        .kind(OtelKind.INTERNAL).startTimeUnixNano(start).endTimeUnixNano(end).statusCode(status(in.statusCode()))
        .statusMessage(in.statusMessage()).attributes(attributes).events(events).build();
  }

  private static String hex(String value, java.util.regex.Pattern pattern, String field) {
    if (!pattern.matcher(value).matches() || value.chars().allMatch(c -> c == '0')) {
      throw new IllegalArgumentException(field + " must be " + (pattern == Identifiers.TRACE_HEX ? 32 : 16)
          + " hex digits, not all zero: " + value);
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static long time(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    try {
      return ApiTimes.parseNanos(field, value);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static StatusCode status(String code) {
    if (code == null) {
      return StatusCode.UNSET;
    }
    try {
      return StatusCode.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("status_code must be OK, ERROR or UNSET: " + code);
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> in, Map<String, Object> out) {
    for (Map.Entry<String, Object> e : in.entrySet()) {
      String key = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        flatten(key + ".", (Map<String, Object>) nested, out);
      } else if (value instanceof Integer i) {
        out.put(key, i.longValue());
      } else if (value != null) {
        out.put(key, value);
      }
    }
  }
}

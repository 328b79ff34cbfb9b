package dev.arbor.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spans as Phoenix's REST API takes them ({@code POST /v1/projects/{project}/spans}), for tests. */
final class RestSpans {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final List<Map<String, Object>> spans = new ArrayList<>();

  static String traceId(int test, int n) {
    return String.format("%08x%024x", test, n + 1);
  }

  static String spanId(int test, int n) {
    return String.format("%04x%012x", test, n + 1);
  }

  /** Adds a span that starts {@code startMs} after T0 and lasts {@code durationMs}. */
  RestSpans add(String traceId, String spanId, String parentId, String name, String kind, long startMs,
      long durationMs, String status, Map<String, Object> attributes) {
    Map<String, Object> span = new LinkedHashMap<>();
    span.put("name", name);
    span.put("context", Map.of("trace_id", traceId, "span_id", spanId));
    span.put("parent_id", parentId);
    span.put("span_kind", kind);
    span.put("start_time", T0.plusMillis(startMs).toString());
    span.put("end_time", T0.plusMillis(startMs + durationMs).toString());
    span.put("status_code", status);
    span.put("status_message", status.equals("ERROR") ? "boom" : "");
    span.put("attributes", attributes);
    span.put("events", List.of());
    spans.add(span);
    return this;
  }

  String json() {
    try {
      return JSON.writeValueAsString(Map.of("data", spans));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.arbor.server.api;

import java.util.List;
import java.util.Map;

/** Phoenix's {@code Span}: OpenTelemetry ids in {@code context}, times as ISO-8601 UTC. */
record SpanDto(String id, String name, ContextDto context, String spanKind, String parentId, String startTime,
    String endTime, String statusCode, String statusMessage, Map<String, Object> attributes,
    List<EventDto> events) {

  record ContextDto(String traceId, String spanId) {}

  record EventDto(String name, String timestamp, Map<String, Object> attributes) {}
}

package dev.arbor.server.api;

import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.store.StoredSpan;
import java.util.List;
import java.util.Map;

/** Phoenix's {@code Span}: OpenTelemetry ids in {@code context}, times as ISO-8601 UTC. Also the body of span logging. */
record SpanDto(String id, String name, ContextDto context, String spanKind, String parentId, String startTime,
    String endTime, String statusCode, String statusMessage, Map<String, Object> attributes,
    List<EventDto> events) {

  record ContextDto(String traceId, String spanId) {}

  record EventDto(String name, String timestamp, Map<String, Object> attributes) {}

  static SpanDto of(StoredSpan stored) {
    Span s = stored.span();
    return new SpanDto(GlobalIds.of("Span", stored.id()), s.name(), new ContextDto(s.traceId(), s.spanId()),
        s.llm().spanKind().name(), s.parentSpanId(), ApiTimes.format(s.startTimeUnixNano()),
        ApiTimes.format(s.endTimeUnixNano()), s.statusCode().name(), s.statusMessage(), s.attributes(),
        s.events().stream().map(SpanDto::event).toList());
  }

  private static EventDto event(SpanEvent e) {
    return new EventDto(e.name(), ApiTimes.format(e.timeUnixNano()), e.attributes());
  }
}

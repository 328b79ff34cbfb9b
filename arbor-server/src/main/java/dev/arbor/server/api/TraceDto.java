package dev.arbor.server.api;

import dev.arbor.model.Span;
import dev.arbor.store.Project;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceSummary;
import java.util.List;

/**
 * Phoenix's {@code TraceData}, plus Arbor's roll-ups: the root span's name, status and latency, and the
 * trace's span and error counts. {@code spans} is null unless asked for.
 */
record TraceDto(String id, String traceId, String projectId, String startTime, String endTime, Long tokenCountPrompt,
    Long tokenCountCompletion, Long tokenCountTotal, String rootSpanName, String statusCode, double latencyMs,
    long spanCount, long errorCount, List<TraceSpanDto> spans) {

  /** A span as the trace list shows it: no attributes. */
  record TraceSpanDto(String id, String spanId, String parentId, String name, String spanKind, String statusCode,
      String startTime, String endTime) {
    static TraceSpanDto of(StoredSpan stored) {
      Span s = stored.span();
      return new TraceSpanDto(GlobalIds.of("Span", stored.id()), s.spanId(), s.parentSpanId(), s.name(),
          s.llm().spanKind().name(), s.statusCode().name(), ApiTimes.format(s.startTimeUnixNano()),
          ApiTimes.format(s.endTimeUnixNano()));
    }
  }

  static TraceDto of(TraceSummary t, Project project, boolean includeSpans) {
    Span root = t.root().span();
    return new TraceDto(GlobalIds.of("Trace", t.root().id()), t.traceId(), GlobalIds.of("Project", project.id()),
        ApiTimes.format(t.startTimeUnixNano()), ApiTimes.format(t.endTimeUnixNano()), t.tokens().prompt(),
        t.tokens().completion(), t.tokens().total(), root.name(), root.statusCode().name(), t.latencyMs(),
        t.spanCount(), t.errorCount(), includeSpans ? t.spans().stream().map(TraceSpanDto::of).toList() : null);
  }
}

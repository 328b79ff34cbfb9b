package dev.arbor.server.api;

import dev.arbor.store.Project;
import dev.arbor.store.SessionSummary;
import java.util.List;

/** Phoenix's {@code SessionData}, plus Arbor's span and error counts and cost. */
record SessionDto(String id, String sessionId, String projectId, String startTime, String endTime,
    List<SessionTraceDto> traces, Long tokenCountPrompt, Long tokenCountCompletion, Long tokenCountTotal,
    long spanCount, long errorCount, UiSpanDto.Cost cost) {

  record SessionTraceDto(String id, String traceId, String startTime, String endTime) {}

  static SessionDto of(SessionSummary s, Project project) {
    return new SessionDto(GlobalIds.of("ProjectSession", s.id()), s.sessionId(), GlobalIds.of("Project", project.id()),
        ApiTimes.format(s.startTimeUnixNano()), ApiTimes.format(s.endTimeUnixNano()),
        s.traces().stream().map(t -> new SessionTraceDto(t.rootId() == null ? null : GlobalIds.of("Trace", t.rootId()),
            t.traceId(), ApiTimes.format(t.startTimeUnixNano()), ApiTimes.format(t.endTimeUnixNano()))).toList(),
        s.tokens().prompt(), s.tokens().completion(), s.tokens().total(), s.spanCount(), s.errorCount(),
        UiSpanDto.Cost.of(s.cost()));
  }
}

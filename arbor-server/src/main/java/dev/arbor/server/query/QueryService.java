package dev.arbor.server.query;

import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.Metrics;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectStats;
import dev.arbor.store.SessionQuery;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.FilterException;
import dev.arbor.store.filter.Scope;
import java.util.List;
import java.util.Optional;

/**
 * Typed read queries. REST handlers, and later the UI, MCP tools and CLI, call this; none of them reads
 * the store or writes SQL directly.
 */
public final class QueryService {
  private final SpanStore store;

  private QueryService(SpanStore store) {
    this.store = store;
  }

  public static QueryService create(SpanStore store) {
    return new QueryService(store);
  }

  /** Parses a filter typed by a user; a {@link FilterException} says what is wrong and where. */
  public Filter filter(Scope scope, String text) {
    return Filter.parse(scope, text);
  }

  public Page<Project> projects(PageRequest page, String nameContains) {
    return store.listProjects(page, nameContains);
  }

  public Optional<Project> project(String name) {
    return store.findProject(name);
  }

  public Optional<Project> project(long id) {
    return store.findProject(id);
  }

  public Page<StoredSpan> spans(SpanQuery query) {
    return store.findSpans(query);
  }

  public Optional<StoredSpan> span(String spanId) {
    return store.findSpan(spanId);
  }

  public Optional<StoredSpan> span(long id) {
    return store.findSpan(id);
  }

  public ProjectStats projectStats(String project, Long startTimeUnixNano, Long endTimeUnixNano) {
    return store.projectStats(project, startTimeUnixNano, endTimeUnixNano);
  }

  public Page<TraceSummary> traces(TraceQuery query) {
    return store.findTraces(query);
  }

  /** The spans of one trace in start order; empty if it has none stored. */
  public List<StoredSpan> trace(String traceId) {
    return store.traceSpans(traceId);
  }

  public Page<SessionSummary> sessions(SessionQuery query) {
    return store.findSessions(query);
  }

  /** The projects holding a span with this hex id (more than one only when ids collide). */
  public List<String> projectsOfSpan(String spanId) {
    return store.projectsOfSpan(spanId);
  }

  /** The projects holding a session with this id (session ids are unique per project only). */
  public List<String> projectsOfSession(String sessionId) {
    return store.projectsOfSession(sessionId);
  }

  public Optional<SessionSummary> session(String sessionId) {
    return store.findSession(sessionId);
  }

  public Optional<SessionSummary> session(long id) {
    return store.findSession(id);
  }

  public Metrics metrics(MetricsQuery query) {
    return store.metrics(query);
  }

  public Page<Annotation> annotations(AnnotationQuery query) {
    return store.findAnnotations(query);
  }
}

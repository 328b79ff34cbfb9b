package dev.arbor.server.access;

/** How a route's projects are found, so that a caller limited to some projects is held to them. */
sealed interface Scope {
  /** Not project data (prices, detectors, one's own account): any caller with the role. */
  record Shared() implements Scope {}

  /** About the whole server or every project: only callers not limited to some projects. */
  record Server() implements Scope {}

  /** Lists across projects: the handler shows only the projects the caller reads ({@link Principal#canRead}). */
  record Listing() implements Scope {}

  /** What the path parameter names: a project (by name or global id, which need not exist yet for a write). */
  record PathProject(String param) implements Scope {}

  record PathSpan(String param) implements Scope {}

  record PathTrace(String param) implements Scope {}

  record PathSession(String param) implements Scope {}

  record PathAlert(String param) implements Scope {}

  /** A change of the alert the path names: its project now, and the one the body gives it (none: every project). */
  record AlertChange(String param) implements Scope {}

  /** The targets named in the JSON body: the field under each element of {@code list} (or the list itself). */
  record BodyTargets(Target target, String list, String field) implements Scope {}

  /**
   * One project named by a query parameter, else a body field, else {@code fallback} ({@code null}: every
   * project).
   */
  record NamedProject(String queryParam, String bodyField, String fallback) implements Scope {}

  /** OTLP ingest: the projects of the decoded spans, checked by {@link IngestGate} before they are queued. */
  record Ingest() implements Scope {}

  enum Target { PROJECT, SPAN, TRACE, SESSION }
}

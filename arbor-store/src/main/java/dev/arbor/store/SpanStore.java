package dev.arbor.store;

import dev.arbor.model.Span;
import dev.arbor.model.pricing.TokenPrices;
import java.util.List;
import java.util.Optional;

/**
 * Where spans, projects and annotations live. One instance per process; all methods may be called from
 * any thread.
 *
 * <p>Contract (checked by {@code SpanStoreContract} and {@code FilterContract} for every backend):
 * <ul>
 *   <li>{@link #write} is durable when it returns: a crash after that loses nothing. It is all or
 *       nothing: when it throws, none of the batch is stored, and the caller may retry it.
 *   <li>Writes are idempotent on (trace id, span id): exporters retry, so a span that is already
 *       stored, or appears twice in one batch, is stored once (the first copy wins).
 *   <li>A span's project is created on first use, and so is its session (from {@code session.id}).
 *   <li>Reads return spans exactly as written: attributes with their value types, events, links,
 *       resource and canonical fields.
 *   <li>A filter selects exactly the rows {@code FilterEvaluator} selects.
 *   <li>Roll-ups (trace and session totals) cover every stored span, whatever order they arrived in.
 *   <li>Deleting a span, trace, session or project deletes the annotations on it too (and a project's prices).
 *   <li>A span's cost is stored as written; {@link #recomputeCosts} gives what pricing at ingest would.
 * </ul>
 *
 * <p>Example: {@code store.write(List.of(span)); store.findSpans(SpanQuery.of("default", 100))}.
 */
public interface SpanStore extends AutoCloseable {

  /** Stores a batch in one transaction and reports how many were new and how many were repeats. */
  WriteResult write(List<Span> spans);

  /** Projects, newest first; only those whose name contains {@code nameContains} when it is not null. */
  Page<Project> listProjects(PageRequest request, String nameContains);

  Optional<Project> findProject(String name);

  Optional<Project> findProject(long id);

  /** Creates an empty project; throws {@link ProjectExistsException} if the name is taken. */
  Project createProject(String name, String description);

  /** Sets a project's description; empty if there is no such project. */
  Optional<Project> updateProject(String name, String description);

  /**
   * Renames a project, and in the same transaction everything that names it: alert rules, project redaction rules,
   * and the project grants of users and keys (ids stay, so spans, prices, retention and the regulated flag follow).
   * Empty if there is no such project; throws {@link ProjectExistsException} if the new name is taken, and
   * {@link ProjectNameInUseException} if rules or grants already name it. Spans that still arrive under the old name
   * make a new project of that name.
   */
  Optional<Project> renameProject(String name, String newName);

  /** Deletes a project with all its spans, sessions and annotations; false if there was none. */
  boolean deleteProject(String name);

  /** Spans of a project, most recently stored first. An unknown project gives an empty page. */
  Page<StoredSpan> findSpans(SpanQuery query);

  /** A span by its hex span id (in any project). */
  Optional<StoredSpan> findSpan(String spanId);

  /** A span by its store id. */
  Optional<StoredSpan> findSpan(long id);

  /** Traces of a project with their roll-ups; the page cursor is a root span's store id. */
  Page<TraceSummary> findTraces(TraceQuery query);

  /**
   * The totals of a project's traces whose root started in [{@code startTimeUnixNano}, {@code endTimeUnixNano})
   * (either may be null: unbounded); {@link ProjectStats#EMPTY} for an unknown project.
   */
  ProjectStats projectStats(String project, Long startTimeUnixNano, Long endTimeUnixNano);

  /** One trace with all its spans in start order; empty if no span of it is stored. */
  List<StoredSpan> traceSpans(String traceId);

  Page<SessionSummary> findSessions(SessionQuery query);

  Optional<SessionSummary> findSession(String sessionId);

  Optional<SessionSummary> findSession(long id);

  /** The projects holding a span with this hex span id, by name (more than one only when ids collide). */
  List<String> projectsOfSpan(String spanId);

  /** The projects holding a session with this session id, by name (session ids are unique per project only). */
  List<String> projectsOfSession(String sessionId);

  /** Deletes one span (its children stay, as orphans); false if there was none. */
  boolean deleteSpan(String spanId);

  /** Deletes every span of a trace; false if there was none. */
  boolean deleteTrace(String traceId);

  /** Deletes sessions with every trace that has a span in them; returns how many sessions were deleted. */
  int deleteSessions(List<String> sessionIds);

  /**
   * Writes annotations in one transaction, each replacing the one with the same target, position, name and
   * identifier; returns their ids in order. Throws {@link UnknownTargetException} (storing nothing) if a
   * target does not exist.
   */
  List<Long> upsertAnnotations(List<AnnotationInput> annotations);

  Page<Annotation> findAnnotations(AnnotationQuery query);

  /**
   * Calls, errors, tokens, cost and latency percentiles of a project's spans per time bucket and group, in
   * bucket then group order (nulls first), and over the whole range; buckets without spans are left out. An
   * unknown project has none.
   */
  Metrics metrics(MetricsQuery query);

  /**
   * Brings the metrics rollups up to date: rolls up spans stored before the store had rollups, and merges the rows
   * that writes, deletions and recomputes appended. Stores do this in the background; answers are right either way
   * (more rows only take longer to read). Tests call it to know when it is done.
   */
  void maintainRollups();

  /** Alert rules, their state and history. */
  AlertStore alerts();

  /** Prices set through the API, and store facts. */
  PriceStore prices();

  /** Redaction rules set through the API. */
  RedactionStore redactionRules();

  /** The tamper-evident audit trail of changes made through Arbor. */
  AuditStore audit();

  /** Users, API keys and signed-in sessions. */
  AccessStore access();

  /** Each project's retention policy, the deletion that applies it, and the disk the projects take. */
  RetentionStore retention();

  /**
   * Every group of spans that reported token counts, by project, provider and model name as stored, with how
   * many spans each has. A price change recomputes the groups whose price changed.
   */
  List<CostGroup> costGroups();

  /**
   * Sets the cost of every span of {@code group} to what {@code prices} give for its token counts
   * ({@code TokenPrices#cost}, the same arithmetic), or to not priced when {@code prices} is null, and brings
   * its traces' cost totals up to date, in one transaction. Returns how many spans it updated.
   */
  long recomputeCosts(CostGroup group, TokenPrices prices);

  /** Throws if the store cannot serve; used by readiness checks. */
  void checkHealth();

  @Override
  void close();
}

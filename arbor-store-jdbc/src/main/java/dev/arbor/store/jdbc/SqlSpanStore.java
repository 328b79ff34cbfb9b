package dev.arbor.store.jdbc;

import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.AlertStore;
import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.CostGroup;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.Metrics;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.PriceStore;
import dev.arbor.store.RedactionStore;
import dev.arbor.store.AuditStore;
import dev.arbor.store.AccessStore;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectStats;
import dev.arbor.store.SessionQuery;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a {@link SpanStore} that is the same SQL on every backend: reads, annotations, project
 * changes and deletions, each in its own class over the store's {@link SqlAccess} and {@link SqlDialect}.
 * A backend adds how it opens, writes spans and closes.
 */
public abstract class SqlSpanStore implements SpanStore {
  private final SqlAccess db;
  private final ProjectTable projects;
  private final SpanReads spanReads;
  private final TraceReads traceReads;
  private final SessionReads sessionReads;
  private final AnnotationTable annotationTable;
  private final Deletions deletions;
  private final ProjectStatsReads statsReads;
  private final PriceTable priceTable;
  private final CostRecompute costRecompute;
  private final MetricsReads metricsReads;
  private final RollupTable rollups;
  private final AlertTable alertTable;
  private final RedactionTable redactionTable;
  private final AuditTable auditTable;
  private final AccessTables accessTables;
  private final RetentionTable retentionTable;

  /**
   * {@code onlyWriter}: whether this process is the only one writing to the database (see {@link ProjectTable});
   * {@code rollupAttribute}: the attribute whose text the dashboard rollups keep (an agent's name), or null.
   */
  protected SqlSpanStore(SqlAccess db, SqlDialect dialect, boolean onlyWriter, StoreSpace space,
      String rollupAttribute) {
    RollupDeltas deltas = new RollupDeltas(dialect, rollupAttribute);
    this.db = db;
    this.projects = new ProjectTable(db, onlyWriter);
    this.spanReads = new SpanReads(db, dialect, projects);
    this.traceReads = new TraceReads(db, dialect, projects, spanReads);
    this.sessionReads = new SessionReads(db, dialect, projects);
    this.annotationTable = new AnnotationTable(db, projects, Clock.systemUTC());
    this.auditTable = new AuditTable(db, dialect, Clock.systemUTC(), spanReads, projects);
    this.deletions = new Deletions(db, dialect, auditTable, deltas);
    this.statsReads = new ProjectStatsReads(db, projects);
    this.priceTable = new PriceTable(db, projects);
    this.costRecompute = new CostRecompute(db, dialect, projects, deltas);
    this.rollups = new RollupTable(db, dialect, deltas);
    this.metricsReads = new MetricsReads(db, dialect, projects, rollups);
    this.alertTable = new AlertTable(db, Clock.systemUTC());
    this.redactionTable = new RedactionTable(db, Clock.systemUTC());
    this.accessTables = new AccessTables(db);
    this.retentionTable = new RetentionTable(db, dialect, projects, auditTable, space, Clock.systemUTC(), deltas);
  }

  /**
   * Records the spans a batch stored in the audit trail, in the batch's own transaction ({@code c}), after
   * everything else it writes (on PostgreSQL this takes the audit table's lock, held until the commit).
   */
  protected final void recordIngest(java.sql.Connection c, List<dev.arbor.model.Span> stored,
      java.util.Map<String, Long> projectIds) throws java.sql.SQLException {
    // After the traces rows: a cost recompute locks those, then the rollups (see CostRecompute).
    rollups.written(c, stored, projectIds);
    auditTable.recordIngest(c, stored, projectIds);
  }

  /** Rollup keys merged per compaction transaction: short, as it holds the rows it merges. */
  private static final int COMPACT_KEYS = 500;
  /**
   * Most compaction transactions per background run: enough to catch up after a backfill (which leaves a row per key
   * for every 200,000 span ids) in one run, bounded so that a run under heavy ingest, which keeps adding rows, ends.
   */
  private static final int COMPACT_PASSES = 200;
  private static final long COMPACT_PAUSE_MILLIS = 20;
  /** Span ids read per backfill transaction. */
  private static final int BACKFILL_IDS = 200_000;

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SqlSpanStore.class);
  private static final long COMPACT_EVERY_SECONDS = 30;
  private java.util.concurrent.ScheduledExecutorService maintenance;

  /**
   * Rolls up the spans stored before the store had rollups (an upgraded database, or one whose rollups kept another
   * attribute), before the store is used: a deletion or recompute of spans not yet rolled up would otherwise take
   * away what was never added. Then compacts the rollups in the background, at once and every
   * {@value #COMPACT_EVERY_SECONDS} s.
   */
  protected final synchronized void startRollupMaintenance() {
    long started = System.nanoTime();
    boolean rebuilt = rollups.adoptAttribute();
    long backfilled = rollups.backfill(BACKFILL_IDS);
    if (rebuilt && backfilled > 0) {
      log.info("Rebuilt the rollups of {} spans to keep the attribute {} in {} ms", backfilled,
          rollups.attributeKey() == null ? "(none)" : rollups.attributeKey(),
          (System.nanoTime() - started) / 1_000_000);
    } else if (backfilled > 0) {
      log.info("Rolled up {} spans stored before the rollups in {} ms", backfilled,
          (System.nanoTime() - started) / 1_000_000);
    }
    maintenance = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("arbor-rollups").daemon().factory());
    maintenance.scheduleWithFixedDelay(() -> {
      try {
        for (int pass = 0; pass < COMPACT_PASSES && !Thread.currentThread().isInterrupted(); pass++) {
          if (rollups.compact(COMPACT_KEYS) == 0) {
            break;
          }
          // A pause between passes lets waiting writers in: DuckDB's one writer is a monitor, which is not fair.
          Thread.sleep(COMPACT_PAUSE_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("Rollup compaction failed (retried in {} s): {}", COMPACT_EVERY_SECONDS, e.getMessage());
      }
    }, 0, COMPACT_EVERY_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Stops the background maintenance, waiting for a run in progress (before the database closes). */
  protected final synchronized void stopRollupMaintenance() {
    if (maintenance == null) {
      return;
    }
    maintenance.shutdownNow();
    try {
      maintenance.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void maintainRollups() {
    rollups.backfill(BACKFILL_IDS);
    while (rollups.compact(COMPACT_KEYS) > 0) {
      // until no key has more than one row
    }
  }

  /**
   * The attribute the store's rollups were last built to keep (null for none), read before the store is made: a store
   * opened without saying which attribute to keep keeps that one, rather than rebuilding them without it.
   */
  protected static String recordedRollupAttribute(java.sql.Connection c) throws java.sql.SQLException {
    return RollupTable.recordedAttribute(c);
  }

  /**
   * Seals, once, the id below which spans were stored before the audit trail covered spans (a database upgraded with
   * spans in it): verify reads the sealed value, so raising the table's value hides nothing.
   */
  protected final void sealSpanBaseline() {
    auditTable.sealSpanBaseline();
  }

  /** The projects table, whose name-to-id cache the span writer uses. */
  protected final ProjectTable projects() {
    return projects;
  }

  @Override
  public Page<Project> listProjects(PageRequest request, String nameContains) {
    return projects.list(request, nameContains);
  }

  @Override
  public Optional<Project> findProject(String name) {
    return projects.find(name);
  }

  @Override
  public Optional<Project> findProject(long id) {
    return projects.find(id);
  }

  @Override
  public Project createProject(String name, String description) {
    return projects.create(name, description);
  }

  @Override
  public Optional<Project> updateProject(String name, String description) {
    return projects.update(name, description);
  }

  @Override
  public Optional<Project> renameProject(String name, String newName) {
    Optional<Project> renamed = db.write(c -> {
      projects.requireAbsent(c, newName);
      List<String> holders = new ArrayList<>();
      if (alertTable.namesProject(c, newName)) {
        holders.add("alert rules");
      }
      if (redactionTable.namesProject(c, newName)) {
        holders.add("redaction rules");
      }
      if (accessTables.namesProject(c, newName)) {
        holders.add("grants of users or keys");
      }
      if (!holders.isEmpty()) {
        throw new dev.arbor.store.ProjectNameInUseException(newName, String.join(", ", holders));
      }
      Optional<Project> project = projects.rename(c, name, newName);
      if (project.isPresent()) {
        alertTable.renameProject(c, name, newName);
        redactionTable.renameProject(c, name, newName);
        accessTables.renameProject(c, name, newName);
      }
      return project;
    });
    renamed.ifPresent(p -> projects.remember(p.name(), p.id()));
    return renamed;
  }

  @Override
  public boolean deleteProject(String name) {
    Optional<Project> project = projects.find(name);
    // The writer's cache forgets the project inside the deleting transaction, so no batch can reuse its id.
    project.ifPresent(p -> deletions.project(p, () -> projects.forget(p)));
    return project.isPresent();
  }

  @Override
  public Page<StoredSpan> findSpans(SpanQuery query) {
    return spanReads.find(query);
  }

  @Override
  public Optional<StoredSpan> findSpan(String spanId) {
    return spanReads.bySpanId(spanId);
  }

  @Override
  public Optional<StoredSpan> findSpan(long id) {
    return spanReads.byId(id);
  }

  @Override
  public Page<TraceSummary> findTraces(TraceQuery query) {
    return traceReads.find(query);
  }

  @Override
  public ProjectStats projectStats(String project, Long startTimeUnixNano, Long endTimeUnixNano) {
    return statsReads.stats(project, startTimeUnixNano, endTimeUnixNano);
  }

  @Override
  public List<StoredSpan> traceSpans(String traceId) {
    return spanReads.ofTrace(traceId);
  }

  @Override
  public Page<SessionSummary> findSessions(SessionQuery query) {
    return sessionReads.find(query);
  }

  @Override
  public Optional<SessionSummary> findSession(String sessionId) {
    return sessionReads.bySessionId(sessionId);
  }

  @Override
  public Optional<SessionSummary> findSession(long id) {
    return sessionReads.byId(id);
  }

  @Override
  public boolean deleteSpan(String spanId) {
    return deletions.span(spanId);
  }

  @Override
  public boolean deleteTrace(String traceId) {
    return deletions.trace(traceId);
  }

  @Override
  public int deleteSessions(List<String> sessionIds) {
    return deletions.sessions(sessionIds);
  }

  @Override
  public List<Long> upsertAnnotations(List<AnnotationInput> annotations) {
    return annotationTable.upsert(annotations);
  }

  @Override
  public Page<Annotation> findAnnotations(AnnotationQuery query) {
    return annotationTable.find(query);
  }

  @Override
  public Metrics metrics(MetricsQuery query) {
    return metricsReads.metrics(query);
  }

  @Override
  public AlertStore alerts() {
    return alertTable;
  }

  @Override
  public PriceStore prices() {
    return priceTable;
  }

  @Override
  public RedactionStore redactionRules() {
    return redactionTable;
  }

  @Override
  public AuditStore audit() {
    return auditTable;
  }

  @Override
  public List<String> projectsOfSpan(String spanId) {
    return names("SELECT DISTINCT p.name FROM spans s JOIN projects p ON p.id = s.project_id WHERE s.span_id = ?"
        + " ORDER BY p.name", spanId);
  }

  @Override
  public List<String> projectsOfSession(String sessionId) {
    return names("SELECT DISTINCT p.name FROM sessions s JOIN projects p ON p.id = s.project_id WHERE"
        + " s.session_id = ? ORDER BY p.name", sessionId);
  }

  private List<String> names(String sql, String id) {
    return db.read(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, id);
        List<String> names = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
        return names;
      }
    });
  }

  @Override
  public AccessStore access() {
    return accessTables;
  }

  @Override
  public dev.arbor.store.RetentionStore retention() {
    return retentionTable;
  }

  @Override
  public List<CostGroup> costGroups() {
    return costRecompute.groups();
  }

  @Override
  public long recomputeCosts(CostGroup group, TokenPrices prices) {
    return costRecompute.recompute(group, prices);
  }

  /** Answers a trivial query on a read connection; throws if the database does not. */
  @Override
  public void checkHealth() {
    db.read(c -> {
      try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
        return null;
      }
    });
  }
}

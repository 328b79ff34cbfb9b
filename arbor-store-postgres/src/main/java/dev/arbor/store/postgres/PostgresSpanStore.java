package dev.arbor.store.postgres;

import dev.arbor.model.Span;
import dev.arbor.store.StoreWriteException;
import dev.arbor.store.WriteResult;
import dev.arbor.store.jdbc.Migrations;
import dev.arbor.store.jdbc.SqlSpanStore;
import dev.arbor.store.jdbc.TraceTotals;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.arbor.store.SpanStore} on PostgreSQL, safe for several Arbor servers on one database. A batch
 * is one transaction: COPY into a session-local staging table, then {@code INSERT … ON CONFLICT DO NOTHING}
 * into the partitioned {@code spans} table in key order (so concurrent writers of the same spans neither
 * duplicate nor deadlock), then the trace totals and sessions of the spans that were new. A returned write
 * is committed, and PostgreSQL's commit is durable.
 */
public final class PostgresSpanStore extends SqlSpanStore {
  private static final Logger log = LoggerFactory.getLogger(PostgresSpanStore.class);
  static final Migrations MIGRATIONS =
      Migrations.of("db/postgres", List.of("V001__schema.sql", "V002__costs_and_prices.sql", "V003__alerts.sql",
          "V004__redaction_rules.sql", "V005__audit_log.sql", "V006__access.sql", "V007__audit_spans.sql",
          "V008__retention.sql", "V009__rollups.sql", "V010__rollups_error_details.sql", "V011__audio_tokens.sql",
          "V012__rollups_span_names.sql", "V013__exception_type_function.sql", "V014__traces_by_cost.sql",
          "V015__rollups_attribute.sql"));
  private static final int TRACE_ROWS_PER_INSERT = 1000;

  private final PostgresAccess db;
  private final Partitions partitions;

  private PostgresSpanStore(PostgresAccess db, Partitions partitions, String rollupAttribute) {
    // Other servers may share the database.
    super(db, new PostgresDialect(), false, new PartitionSpace(partitions), rollupAttribute);
    this.db = db;
    this.partitions = partitions;
  }

  /**
   * Connects, creates the schema if needed and migrates it (one server at a time) to the current version; the
   * rollups keep the attribute they kept before (none for a new database).
   */
  public static PostgresSpanStore open(PostgresSettings settings) {
    return open(settings, recorded -> recorded);
  }

  /**
   * Opens the store with dashboard rollups that also keep the text of the attribute {@code rollupAttribute} (an
   * agent's name; null for none). A database whose rollups kept another attribute has them rebuilt before this
   * returns; servers sharing a database must keep the same attribute (ADR 0013).
   */
  public static PostgresSpanStore open(PostgresSettings settings, String rollupAttribute) {
    return open(settings, recorded -> rollupAttribute);
  }

  /** {@code rollupAttribute}: from the attribute the rollups kept (null for none), the one to keep. */
  private static PostgresSpanStore open(PostgresSettings settings, UnaryOperator<String> rollupAttribute) {
    PostgresAccess db;
    try {
      db = PostgresAccess.create(settings);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to PostgreSQL at " + settings.redactedUrl() + ": "
          + rootMessage(e), e);
    }
    try {
      db.read(c -> {
        migrate(c, settings.schema());
        return null;
      });
      PostgresSpanStore store = new PostgresSpanStore(db, new Partitions(),
          rollupAttribute.apply(db.read(SqlSpanStore::recordedRollupAttribute)));
      store.sealSpanBaseline();
      store.partitions.ensureAhead(db, System.currentTimeMillis() * 1_000_000L);
      store.startRollupMaintenance();
      log.info("Opened PostgreSQL store {} (schema {})", settings.redactedUrl(), settings.schema());
      return store;
    } catch (RuntimeException e) {
      db.close();
      throw new IllegalStateException("cannot prepare the PostgreSQL schema " + settings.schema() + ": "
          + rootMessage(e), e);
    }
  }

  private static void migrate(Connection c, String schema) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
      lock.setString(1, "arbor.migrations." + schema);
      lock.execute();
    }
    try {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        st.execute("SET search_path TO " + schema + ", public");
      }
      MIGRATIONS.apply(c);
    } finally {
      try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
        unlock.setString(1, "arbor.migrations." + schema);
        unlock.execute();
      }
    }
  }

  @Override
  public WriteResult write(List<Span> spans) {
    Map<String, Span> unique = new LinkedHashMap<>(spans.size() * 2);
    for (Span span : spans) {
      unique.putIfAbsent(key(span.traceId(), span.spanId()), span);
    }
    try {
      partitions.ensure(db, unique.values());
      Map<String, Long> projectIds = new HashMap<>();
      long[] generation = new long[1];
      List<Span> fresh = db.write(c -> {
        generation[0] = projects().generation();
        // In name order: two servers creating the same new projects lock them in the same order.
        for (String project : new java.util.TreeSet<>(unique.values().stream().map(Span::project).toList())) {
          projectIds.put(project, projects().idForWrite(c, project));
        }
        copy(c, unique.values(), projectIds);
        Map<String, Long> stored = insertNew(c);
        TraceTotals.Batch traces = new TraceTotals.Batch();
        Set<List<Object>> sessions = new LinkedHashSet<>();
        List<Span> storedSpans = new ArrayList<>(stored.size());
        for (Span span : unique.values()) {
          Long id = stored.get(key(span.traceId(), span.spanId()));
          if (id != null) {
            storedSpans.add(span);
            long projectId = projectIds.get(span.project());
            traces.add(id, projectId, span);
            if (span.llm().sessionId() != null) {
              sessions.add(List.of(projectId, span.llm().sessionId()));
            }
          }
        }
        mergeTraces(c, traces.rows());
        registerSessions(c, sessions);
        recordIngest(c, storedSpans, projectIds);
        return storedSpans;
      });
      projects().remember(projectIds, generation[0]);
      return WriteResult.of(fresh, spans.size() - fresh.size());
    } catch (RuntimeException e) {
      // Another server may have dropped a partition this one still knows (retention): the retry creates it again.
      partitions.forgetAll();
      throw new StoreWriteException("could not store " + spans.size() + " spans: " + rootMessage(e), e);
    }
  }

  private static String key(String traceId, String spanId) {
    return traceId + "/" + spanId;
  }

  /** COPYs the batch into this connection's staging table, emptied when the transaction ends. */
  private static void copy(Connection c, Iterable<Span> spans, Map<String, Long> projectIds) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE IF NOT EXISTS span_batch ON COMMIT DELETE ROWS AS SELECT " + SpanCopy.COLUMNS
          + " FROM spans WITH NO DATA");
    }
    StringBuilder line = new StringBuilder(8192);
    try (PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class),
        "COPY span_batch (" + SpanCopy.COLUMNS + ") FROM STDIN", 1 << 16);
         Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      for (Span span : spans) {
        line.setLength(0);
        SpanCopy.append(line, projectIds.get(span.project()), span);
        writer.append(line);
      }
    } catch (IOException e) {
      throw new SQLException("COPY of spans failed: " + e.getMessage(), e);
    }
  }

  /** Moves the staged spans into {@code spans}, skipping those stored before; the new ones' keys and ids. */
  private static Map<String, Long> insertNew(Connection c) throws SQLException {
    Map<String, Long> stored = new HashMap<>();
    try (Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("INSERT INTO spans (" + SpanCopy.COLUMNS + ") SELECT " + SpanCopy.COLUMNS
             + " FROM span_batch ORDER BY trace_id, span_id, start_time_ns ON CONFLICT DO NOTHING"
             + " RETURNING id, trace_id, span_id")) {
      while (rs.next()) {
        stored.put(key(rs.getString(2), rs.getString(3)), rs.getLong(1));
      }
    }
    return stored;
  }

  /** Adds the batch's totals to the traces rows, in key order. */
  private static void mergeTraces(Connection c, List<Object[]> rows) throws SQLException {
    int columns = TraceTotals.COLUMNS.size();
    for (int from = 0; from < rows.size(); from += TRACE_ROWS_PER_INSERT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + TRACE_ROWS_PER_INSERT));
      StringBuilder sql = new StringBuilder("INSERT INTO traces (" + String.join(", ", TraceTotals.COLUMNS)
          + ") VALUES ");
      String row = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      sql.append(TraceTotals.UPSERT);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int p = 1;
        for (Object[] values : chunk) {
          for (int column = 0; column < columns; column++, p++) {
            if (values[column] == null) {
              ps.setNull(p, switch (TraceTotals.COLUMNS.get(column)) {
                case "session_id" -> Types.VARCHAR;
                case "cost" -> Types.DOUBLE;
                default -> Types.BIGINT;
              });
            } else {
              ps.setObject(p, values[column]);
            }
          }
        }
        ps.executeUpdate();
      }
    }
  }

  private static void registerSessions(Connection c, Set<List<Object>> sessions) throws SQLException {
    if (sessions.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO sessions (project_id, session_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      for (List<Object> session : sessions) {
        ps.setLong(1, (Long) session.get(0));
        ps.setString(2, (String) session.get(1));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public void close() {
    stopRollupMaintenance();
    db.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}

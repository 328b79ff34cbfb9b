package dev.arbor.store.duckdb;

import dev.arbor.model.Span;
import dev.arbor.store.StoreWriteException;
import dev.arbor.store.WriteResult;
import dev.arbor.store.jdbc.Migrations;
import dev.arbor.store.jdbc.SqlSpanStore;
import dev.arbor.store.jdbc.StoreSpace;
import dev.arbor.store.jdbc.TraceTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpanStore} on one DuckDB file. Only this process may open the file read-write. Writes go through
 * one connection (callers are serialised), append with the Appender and commit once per batch; DuckDB
 * syncs its WAL on commit, so a returned write survives {@code kill -9}. Reads use their own connections.
 */
public final class DuckDbSpanStore extends SqlSpanStore {
  private static final Logger log = LoggerFactory.getLogger(DuckDbSpanStore.class);
  private static final int IN_LIST_CHUNK = 1000;
  static final Migrations MIGRATIONS =
      Migrations.of("db/duckdb", List.of("V001__spans.sql", "V002__traces_sessions_annotations.sql",
          "V003__costs_and_prices.sql", "V004__alerts.sql", "V005__redaction_rules.sql",
          "V006__audit_log.sql", "V007__access.sql", "V008__audit_spans.sql",
          "V009__retention.sql", "V010__rollups.sql", "V011__rollups_error_details.sql", "V012__audio_tokens.sql",
          "V013__rollups_span_names.sql", "V014__rollups_attribute.sql"));

  /**
   * No partitions to drop; the file's and its WAL's size; a span's bytes estimated from the lengths of its texts
   * (DuckDB compresses columns, so this is an upper bound whose shares between projects are what it tells).
   */
  private static final StoreSpace SPACE = new StoreSpace() {
    @Override
    public long dropPartitions(java.sql.Connection c, long projectId, long beforeNanos, Dropping dropping) {
      return 0;
    }

    @Override
    public long databaseBytes(java.sql.Connection c) throws SQLException {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")) {
        if (!rs.next() || rs.getString(1) == null) {
          return 0;
        }
        Path file = Path.of(rs.getString(1));
        long bytes = 0;
        for (Path part : List.of(file, file.resolveSibling(file.getFileName() + ".wal"))) {
          try {
            bytes += Files.exists(part) ? Files.size(part) : 0;
          } catch (IOException e) {
            throw new SQLException("cannot read the size of " + part + ": " + e.getMessage(), e);
          }
        }
        return bytes;
      }
    }

    @Override
    public String rowBytes() {
      return "(64 + strlen(s.attributes) + strlen(s.events) + strlen(s.links) + strlen(s.resource) + strlen(s.name)"
          + " + coalesce(strlen(s.input_value), 0) + coalesce(strlen(s.output_value), 0)"
          + " + coalesce(strlen(s.input_messages), 0) + coalesce(strlen(s.output_messages), 0)"
          + " + coalesce(strlen(s.documents), 0) + coalesce(strlen(s.invocation_parameters), 0))";
    }
  };

  private final DuckDbAccess db;
  private final SeenSpanKeys seen;
  /** The store id of the next span; written only inside the writer's transaction, under its lock. */
  private volatile long nextSpanId;

  private DuckDbSpanStore(DuckDbAccess db, SeenSpanKeys seen, long nextSpanId, String rollupAttribute) {
    super(db, new DuckDbDialect(), true, SPACE, rollupAttribute); // one process per DuckDB file
    this.db = db;
    this.seen = seen;
    this.nextSpanId = nextSpanId;
  }

  /**
   * Opens (creating if needed) the database file and migrates it to the current schema; its rollups keep the
   * attribute they kept before (none for a new store).
   */
  public static DuckDbSpanStore open(DuckDbSettings settings) {
    return open(settings, recorded -> recorded);
  }

  /**
   * Opens the store with dashboard rollups that also keep the text of the attribute {@code rollupAttribute} (an
   * agent's name; null for none), so that splitting calls by it reads them. A store whose rollups kept another
   * attribute rebuilds them before it returns (ADR 0013).
   */
  public static DuckDbSpanStore open(DuckDbSettings settings, String rollupAttribute) {
    return open(settings, recorded -> rollupAttribute);
  }

  /** {@code rollupAttribute}: from the attribute the rollups kept (null for none), the one to keep. */
  private static DuckDbSpanStore open(DuckDbSettings settings, UnaryOperator<String> rollupAttribute) {
    try {
      Path parent = settings.file().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + settings.file(), e);
    }
    DuckDBConnection connection = null;
    try {
      connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + settings.file().toAbsolutePath());
      try (Statement st = connection.createStatement()) {
        st.execute("SET checkpoint_threshold = '" + settings.checkpointThreshold() + "'");
        if (settings.memoryLimit() != null) {
          st.execute("SET memory_limit = '" + settings.memoryLimit() + "'");
        }
      }
      MIGRATIONS.apply(connection);
      // The schema goes into the file at once: DuckDB 1.4 cannot replay a WAL that holds an ALTER TABLE of a table
      // with a nextval() default ("GetDefaultDatabase with no default database set"), so a crash before the next
      // checkpoint would leave a store that no longer opens (ITCrashRecovery).
      try (Statement st = connection.createStatement()) {
        st.execute("CHECKPOINT");
      }
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      long[] countAndMax = countAndMaxId(connection);
      SeenSpanKeys seen = new SeenSpanKeys(Math.max(1_000_000L, countAndMax[0] * 2));
      try (Statement st = connection.createStatement();
           ResultSet rs = st.executeQuery("SELECT trace_id, span_id FROM spans")) {
        while (rs.next()) {
          seen.add(rs.getString(1), rs.getString(2));
        }
      }
      connection.commit();
      log.info("Opened {} with {} spans in {} ms", settings.file(), countAndMax[0],
          (System.nanoTime() - started) / 1_000_000);
      DuckDbSpanStore store = new DuckDbSpanStore(new DuckDbAccess(connection), seen, countAndMax[1] + 1,
          rollupAttribute.apply(recordedRollupAttribute(connection)));
      store.sealSpanBaseline();
      store.startRollupMaintenance();
      return store;
    } catch (SQLException | RuntimeException e) {
      // The file stays locked while a connection is open: a store that failed to open lets it go.
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("cannot open DuckDB database " + settings.file() + ": " + e.getMessage(), e);
    }
  }

  private static long[] countAndMaxId(java.sql.Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(id), 0) FROM spans")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  @Override
  public WriteResult write(List<Span> spans) {
    Map<String, Span> unique = new LinkedHashMap<>(spans.size() * 2);
    for (Span span : spans) {
      unique.putIfAbsent(span.traceId() + span.spanId(), span);
    }
    Map<String, Long> projectIds = new HashMap<>();
    long[] generation = new long[1];
    try {
      List<Span> fresh = db.write(writer -> {
        generation[0] = projects().generation();
        Set<String> stored = storedKeys(writer, unique.values());
        List<Span> toStore = new ArrayList<>(unique.size());
        for (Span span : unique.values()) {
          if (!stored.contains(span.traceId() + span.spanId())) {
            toStore.add(span);
          }
        }
        if (toStore.isEmpty()) {
          return toStore;
        }
        for (Span span : toStore) {
          if (!projectIds.containsKey(span.project())) {
            projectIds.put(span.project(), projects().idForWrite(writer, span.project()));
          }
        }
        long id = nextSpanId;
        TraceTotals.Batch traces = new TraceTotals.Batch();
        DuckDBConnection duck = (DuckDBConnection) writer;
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
          for (Span span : toStore) {
            long projectId = projectIds.get(span.project());
            traces.add(id, projectId, span);
            SpanRows.append(appender, id++, projectId, span);
          }
        }
        TraceTable.merge(duck, traces);
        registerSessions(writer, toStore, projectIds);
        recordIngest(writer, toStore, projectIds);
        nextSpanId = id; // ids of a batch that then fails to commit are never used: gaps are fine
        return toStore;
      });
      projects().remember(projectIds, generation[0]);
      for (Span span : fresh) {
        seen.add(span.traceId(), span.spanId());
      }
      return WriteResult.of(fresh, spans.size() - fresh.size());
    } catch (RuntimeException e) {
      throw new StoreWriteException("could not store " + spans.size() + " spans: " + e.getMessage(), e);
    }
  }

  /**
   * Gives each session seen for the first time its id (sessions are listed in the order first seen), in multi-row
   * inserts: one statement per session made this the slowest part of a commit (75% of it with 25 sessions per 200
   * spans).
   */
  private static void registerSessions(java.sql.Connection writer, List<Span> spans, Map<String, Long> projectIds)
      throws SQLException {
    Set<String> done = new HashSet<>();
    List<Object[]> rows = new ArrayList<>();
    for (Span span : spans) {
      String session = span.llm().sessionId();
      if (session != null && done.add(span.project() + "\u0000" + session)) {
        rows.add(new Object[] {projectIds.get(span.project()), session});
      }
    }
    for (int from = 0; from < rows.size(); from += SESSIONS_PER_INSERT) {
      List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + SESSIONS_PER_INSERT));
      String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
      try (PreparedStatement insert = writer.prepareStatement(
          "INSERT INTO sessions (project_id, session_id) VALUES " + values + " ON CONFLICT DO NOTHING")) {
        int p = 1;
        for (Object[] row : chunk) {
          insert.setLong(p++, (Long) row[0]);
          insert.setString(p++, (String) row[1]);
        }
        insert.executeUpdate();
      }
    }
  }

  private static final int SESSIONS_PER_INSERT = 1000;

  /** The keys of {@code spans} already in the table; asks the database only for keys the filter may have seen. */
  private Set<String> storedKeys(java.sql.Connection writer, java.util.Collection<Span> spans) throws SQLException {
    List<Span> candidates = new ArrayList<>();
    for (Span span : spans) {
      if (seen.mightContain(span.traceId(), span.spanId())) {
        candidates.add(span);
      }
    }
    Set<String> stored = new HashSet<>();
    for (int from = 0; from < candidates.size(); from += IN_LIST_CHUNK) {
      List<Span> chunk = candidates.subList(from, Math.min(candidates.size(), from + IN_LIST_CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      try (PreparedStatement ps = writer.prepareStatement(
          "SELECT trace_id, span_id FROM spans WHERE trace_id IN (" + marks + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i).traceId());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            stored.add(rs.getString(1) + rs.getString(2));
          }
        }
      }
    }
    return stored;
  }

  @Override
  public void close() {
    stopRollupMaintenance();
    db.write(writer -> {
      try (Statement st = writer.createStatement()) {
        st.execute("CHECKPOINT");
      }
      return null;
    });
    try {
      db.writer().close();
    } catch (SQLException e) {
      log.warn("Closing DuckDB failed: {}", e.getMessage());
    }
  }
}

package dev.arbor.store.duckdb;

import dev.arbor.model.Span;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoreWriteException;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpanStore} on one DuckDB file. Only this process may open the file read-write. Writes go through
 * one connection (callers are serialised), append with the Appender and commit once per batch; DuckDB
 * syncs its WAL on commit, so a returned write survives {@code kill -9}. Reads use their own connections.
 */
public final class DuckDbSpanStore implements SpanStore {
  private static final Logger log = LoggerFactory.getLogger(DuckDbSpanStore.class);
  private static final int IN_LIST_CHUNK = 1000;

  private final DuckDBConnection writer;
  private final SeenSpanKeys seen;
  private final Map<String, Long> projectIds = new ConcurrentHashMap<>();
  private long nextSpanId;

  private DuckDbSpanStore(DuckDBConnection writer, SeenSpanKeys seen, long nextSpanId) {
    this.writer = writer;
    this.seen = seen;
    this.nextSpanId = nextSpanId;
  }

  /** Opens (creating if needed) the database file and migrates it to the current schema. */
  public static DuckDbSpanStore open(DuckDbSettings settings) {
    try {
      Path parent = settings.file().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of " + settings.file(), e);
    }
    try {
      DuckDBConnection connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + settings.file().toAbsolutePath());
      try (Statement st = connection.createStatement()) {
        st.execute("SET checkpoint_threshold = '" + settings.checkpointThreshold() + "'");
        if (settings.memoryLimit() != null) {
          st.execute("SET memory_limit = '" + settings.memoryLimit() + "'");
        }
      }
      Migrations.apply(connection);
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
      return new DuckDbSpanStore(connection, seen, countAndMax[1] + 1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB database " + settings.file() + ": " + e.getMessage(), e);
    }
  }

  private static long[] countAndMaxId(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(id), 0) FROM spans")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  @Override
  public synchronized WriteResult write(List<Span> spans) {
    Map<String, Span> unique = new LinkedHashMap<>(spans.size() * 2);
    for (Span span : spans) {
      unique.putIfAbsent(span.traceId() + span.spanId(), span);
    }
    try {
      Set<String> stored = storedKeys(unique.values());
      List<Span> fresh = new ArrayList<>(unique.size());
      for (Span span : unique.values()) {
        if (!stored.contains(span.traceId() + span.spanId())) {
          fresh.add(span);
        }
      }
      if (fresh.isEmpty()) {
        writer.rollback();
        return WriteResult.of(0, spans.size());
      }
      Map<String, Long> newProjects = new HashMap<>();
      long id = nextSpanId;
      try (DuckDBAppender appender = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
        for (Span span : fresh) {
          SpanRows.append(appender, id++, projectId(span.project(), newProjects), span);
        }
      }
      writer.commit();
      nextSpanId = id;
      projectIds.putAll(newProjects);
      for (Span span : fresh) {
        seen.add(span.traceId(), span.spanId());
      }
      return WriteResult.of(fresh.size(), spans.size() - fresh.size());
    } catch (SQLException | RuntimeException | Error e) {
      // Whatever failed, nothing of this batch may reach the next commit: roll back before anything else.
      try {
        writer.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new StoreWriteException("could not store " + spans.size() + " spans: " + e.getMessage(), e);
    }
  }

  /** The keys of {@code spans} already in the table; asks the database only for keys the filter may have seen. */
  private Set<String> storedKeys(java.util.Collection<Span> spans) throws SQLException {
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

  private long projectId(String name, Map<String, Long> created) throws SQLException {
    Long id = projectIds.get(name);
    if (id == null) {
      id = created.get(name);
    }
    if (id != null) {
      return id;
    }
    try (PreparedStatement insert = writer.prepareStatement(
        "INSERT INTO projects (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, name);
      insert.executeUpdate();
    }
    try (PreparedStatement select = writer.prepareStatement("SELECT id FROM projects WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    created.put(name, id);
    return id;
  }

  @Override
  public Page<Project> listProjects(PageRequest request) {
    String sql = "SELECT id, name, description, created_at FROM projects"
        + (request.cursor() == null ? "" : " WHERE id <= ?") + " ORDER BY id DESC LIMIT ?";
    return read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        int i = 1;
        if (request.cursor() != null) {
          ps.setLong(i++, request.cursor());
        }
        ps.setInt(i, request.limit() + 1);
        List<Project> projects = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            projects.add(project(rs));
          }
        }
        return Page.fromOverRead(projects, request.limit(), Project::id);
      }
    });
  }

  @Override
  public Optional<Project> findProject(String name) {
    return read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(
          "SELECT id, name, description, created_at FROM projects WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(project(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Project project(ResultSet rs) throws SQLException {
    return new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
  }

  @Override
  public Page<StoredSpan> findSpans(SpanQuery query) {
    Optional<Project> project = findProject(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), java.util.OptionalLong.empty());
    }
    StringBuilder sql = new StringBuilder("SELECT " + SpanRows.COLUMNS + " FROM spans WHERE project_id = ?");
    List<Long> args = new ArrayList<>();
    args.add(project.get().id());
    if (query.page().cursor() != null) {
      sql.append(" AND id <= ?");
      args.add(query.page().cursor());
    }
    if (query.startTimeUnixNano() != null) {
      sql.append(" AND start_time_ns >= ?");
      args.add(query.startTimeUnixNano());
    }
    if (query.endTimeUnixNano() != null) {
      sql.append(" AND start_time_ns < ?");
      args.add(query.endTimeUnixNano());
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return read(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setLong(i + 1, args.get(i));
        }
        List<StoredSpan> spans = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            spans.add(new StoredSpan(rs.getLong("id"), SpanRows.read(rs, query.project())));
          }
        }
        return Page.fromOverRead(spans, query.page().limit(), StoredSpan::id);
      }
    });
  }

  @Override
  public void checkHealth() {
    read(connection -> {
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
        return null;
      }
    });
  }

  private interface Read<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(Read<T> read) {
    try (Connection connection = writer.duplicate()) {
      return read.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      try (Statement st = writer.createStatement()) {
        st.execute("CHECKPOINT");
      }
      writer.close();
    } catch (SQLException e) {
      log.warn("Closing DuckDB failed: {}", e.getMessage());
    }
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.store.RetentionPolicy;
import dev.arbor.store.RetentionStore;
import dev.arbor.store.StorageUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code retention_policies} table, and retention's deletion: spans before a time, then what they leave behind
 * (annotations on them, traces without spans, straddling traces' totals, sessions without traces), and the audit
 * entry, in one transaction.
 */
final class RetentionTable implements RetentionStore {
  private final SqlAccess db;
  private final SqlDialect dialect;
  private final ProjectTable projects;
  private final AuditTable audit;
  private final StoreSpace storage;
  private final Clock clock;
  private final RollupDeltas rollups;

  RetentionTable(SqlAccess db, SqlDialect dialect, ProjectTable projects, AuditTable audit, StoreSpace storage,
      Clock clock, RollupDeltas rollups) {
    this.db = db;
    this.dialect = dialect;
    this.projects = projects;
    this.audit = audit;
    this.storage = storage;
    this.clock = clock;
    this.rollups = rollups;
  }

  @Override
  public List<RetentionPolicy> list() {
    return db.read(c -> policies(c, "", List.of()));
  }

  @Override
  public Optional<RetentionPolicy> find(String project) {
    return db.read(c -> policies(c, " WHERE p.name = ?", List.of(project))).stream().findFirst();
  }

  private static List<RetentionPolicy> policies(Connection c, String where, List<?> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT p.name, r.max_age_days, r.max_spans FROM"
        + " retention_policies r JOIN projects p ON p.id = r.project_id" + where + " ORDER BY p.name")) {
      SqlAccess.bind(ps, args);
      List<RetentionPolicy> policies = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int days = rs.getInt(2);
          Integer maxAgeDays = rs.wasNull() ? null : days;
          long spans = rs.getLong(3);
          Long maxSpans = rs.wasNull() ? null : spans;
          policies.add(new RetentionPolicy(rs.getString(1), maxAgeDays, maxSpans));
        }
      }
      return policies;
    }
  }

  @Override
  public Optional<RetentionPolicy> set(RetentionPolicy policy) {
    return db.write(c -> {
      Optional<Long> found = projectId(c, policy.project());
      if (found.isEmpty()) {
        return Optional.<RetentionPolicy>empty();
      }
      long id = found.get();
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM retention_policies WHERE project_id = ?")) {
        delete.setLong(1, id);
        delete.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO retention_policies (project_id, max_age_days,"
          + " max_spans, updated_at) VALUES (?, ?, ?, ?)")) {
        ps.setLong(1, id);
        if (policy.maxAgeDays() == null) {
          ps.setNull(2, Types.INTEGER);
        } else {
          ps.setInt(2, policy.maxAgeDays());
        }
        if (policy.maxSpans() == null) {
          ps.setNull(3, Types.BIGINT);
        } else {
          ps.setLong(3, policy.maxSpans());
        }
        ps.setLong(4, clock.millis());
        ps.executeUpdate();
      }
      return Optional.of(policy);
    });
  }

  @Override
  public boolean clear(String project) {
    return db.write(c -> {
      Optional<Long> id = projectId(c, project);
      if (id.isEmpty()) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM retention_policies WHERE project_id = ?")) {
        ps.setLong(1, id.get());
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<Long> startOfNewest(String project, long n) {
    return db.read(c -> {
      Optional<Long> id = projectId(c, project);
      if (id.isEmpty()) {
        return Optional.<Long>empty();
      }
      // The n-th newest start: spans before it go, so at least n stay (more when several share that start).
      try (PreparedStatement ps = c.prepareStatement("SELECT start_time_ns, (SELECT count(*) FROM spans WHERE"
          + " project_id = ?) FROM spans WHERE project_id = ? ORDER BY start_time_ns DESC LIMIT 1 OFFSET ?")) {
        ps.setLong(1, id.get());
        ps.setLong(2, id.get());
        ps.setLong(3, n - 1);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getLong(2) > n ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
        }
      }
    });
  }

  @Override
  public long deleteBefore(String project, long beforeNanos) {
    Optional<Long> found = db.read(c -> projectId(c, project));
    if (found.isEmpty()) {
      return 0L;
    }
    long id = found.get();
    // Whole partitions first, in a transaction of their own: dropping one locks the spans table until it commits.
    long dropped = db.write(c -> {
      // The rollups take away what a dropped partition held, counted while it is locked (ADR 0013).
      long spans = storage.dropPartitions(c, id, beforeNanos, (conn, from, to) -> rollups.takeAway(conn,
          "s.project_id = ? AND s.start_time_ns >= ? AND s.start_time_ns < ?", List.of(id, from, to)));
      audit.recordDeletion(c, retention(id, project, beforeNanos), spans);
      return spans;
    });
    return db.write(c -> {
      long deleted = rollups.deleteSpans(c, "s.project_id = ? AND s.start_time_ns < ?",
          List.of(id, beforeNanos));
      if (dropped + deleted == 0) {
        return 0L;
      }
      // Traces that began before the cut and go on after it keep their later spans: their totals are rebuilt.
      List<String> straddling = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT t.trace_id FROM traces t WHERE t.project_id = ? AND"
          + " t.start_ns < ? AND EXISTS (SELECT 1 FROM spans s WHERE s.project_id = t.project_id AND s.trace_id ="
          + " t.trace_id)")) {
        ps.setLong(1, id);
        ps.setLong(2, beforeNanos);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            straddling.add(rs.getString(1));
          }
        }
      }
      TraceTotals.rebuild(c, dialect, straddling);
      run(c, "DELETE FROM traces WHERE project_id = ? AND start_ns < ?", id, beforeNanos);
      run(c, "DELETE FROM annotations WHERE project_id = ? AND target IN ('SPAN', 'DOCUMENT') AND NOT EXISTS"
          + " (SELECT 1 FROM spans s WHERE s.project_id = annotations.project_id AND s.span_id ="
          + " annotations.target_id)", id);
      run(c, "DELETE FROM annotations WHERE project_id = ? AND target = 'TRACE' AND NOT EXISTS (SELECT 1 FROM"
          + " traces t WHERE t.project_id = annotations.project_id AND t.trace_id = annotations.target_id)", id);
      // A trace row names only its first session: whether a session still has spans is read from the spans.
      run(c, "DELETE FROM annotations WHERE project_id = ? AND target = 'SESSION' AND NOT EXISTS (SELECT 1 FROM"
          + " spans s WHERE s.project_id = annotations.project_id AND s.session_id = annotations.target_id)", id);
      run(c, "DELETE FROM sessions WHERE project_id = ? AND NOT EXISTS (SELECT 1 FROM spans s WHERE"
          + " s.project_id = sessions.project_id AND s.session_id = sessions.session_id)", id);
      audit.recordDeletion(c, retention(id, project, beforeNanos), deleted);
      return dropped + deleted;
    });
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode retention(long id, String project, long beforeNanos) {
    return AuditTable.deletion("retention").put("project_id", id).put("project", project).put("before_ns",
        beforeNanos);
  }

  @Override
  public StorageUsage usage() {
    return db.read(c -> {
      List<StorageUsage.Project> usage = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT p.name, count(s.id), coalesce(sum(" + storage.rowBytes()
          + "), 0) FROM projects p LEFT JOIN spans s ON s.project_id = p.id GROUP BY p.name ORDER BY p.name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          usage.add(new StorageUsage.Project(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
      }
      return new StorageUsage(storage.databaseBytes(c), usage);
    });
  }

  @Override
  public boolean regulated(String project) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM regulated_projects r JOIN projects p ON p.id ="
          + " r.project_id WHERE p.name = ?")) {
        ps.setString(1, project);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public boolean setRegulated(String project, boolean regulated) {
    return db.write(c -> {
      Optional<Long> id = projectId(c, project);
      if (id.isEmpty()) {
        return false;
      }
      run(c, "DELETE FROM regulated_projects WHERE project_id = ?", id.get());
      if (regulated) {
        run(c, "INSERT INTO regulated_projects (project_id, since) VALUES (?, ?)", id.get(), clock.millis());
      }
      return true;
    });
  }

  private Optional<Long> projectId(Connection c, String project) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM projects WHERE name = ?")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long run(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlAccess.bind(ps, List.of(args));
      return ps.executeUpdate();
    }
  }
}

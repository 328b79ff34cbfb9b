package dev.arbor.store.jdbc;

import dev.arbor.store.Project;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes spans, traces, sessions and projects, each with the annotations on what it deletes and the audit entry
 * that records which spans went, in one transaction.
 */
final class Deletions {
  private static final String SPAN_ANNOTATIONS = "target IN ('SPAN', 'DOCUMENT')";

  private final SqlAccess db;
  private final SqlDialect dialect;
  private final AuditTable audit;
  private final RollupDeltas rollups;

  Deletions(SqlAccess db, SqlDialect dialect, AuditTable audit, RollupDeltas rollups) {
    this.db = db;
    this.dialect = dialect;
    this.audit = audit;
    this.rollups = rollups;
  }

  boolean span(String spanId) {
    return db.write(c -> {
      List<String> traceIds = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT trace_id FROM spans WHERE span_id = ?")) {
        ps.setString(1, spanId);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            traceIds.add(rs.getString(1));
          }
        }
      }
      run(c, "DELETE FROM annotations WHERE " + SPAN_ANNOTATIONS + " AND target_id = ?", List.of(spanId));
      int deleted = rollups.deleteSpans(c, "s.span_id = ?", List.of(spanId));
      TraceTotals.rebuild(c, dialect, traceIds);
      audit.recordDeletion(c, AuditTable.deletion("span").put("span_id", spanId), deleted);
      return deleted > 0;
    });
  }

  boolean trace(String traceId) {
    return db.write(c -> deleteTraces(c, List.of(traceId)) > 0);
  }

  int sessions(List<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return 0;
    }
    return db.write(c -> {
      String marks = SqlAccess.marks(sessionIds.size());
      List<String> traceIds = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT DISTINCT trace_id FROM spans WHERE session_id IN (" + marks + ")")) {
        SqlAccess.bind(ps, sessionIds);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            traceIds.add(rs.getString(1));
          }
        }
      }
      deleteTraces(c, traceIds);
      run(c, "DELETE FROM annotations WHERE target = 'SESSION' AND target_id IN (" + marks + ")", sessionIds);
      return run(c, "DELETE FROM sessions WHERE session_id IN (" + marks + ")", sessionIds);
    });
  }

  /** Deletes the project; {@code deleted} runs inside the transaction, while no span can be written. */
  void project(Project project, Runnable deleted) {
    db.write(c -> {
      List<Long> id = List.of(project.id());
      run(c, "DELETE FROM annotations WHERE project_id = ?", id);
      int spans = run(c, "DELETE FROM spans WHERE project_id = ?", id);
      RollupDeltas.deleteProject(c, project.id());
      audit.recordDeletion(c, AuditTable.deletion("project").put("project_id", project.id())
          .put("project", project.name()), spans);
      run(c, "DELETE FROM traces WHERE project_id = ?", id);
      run(c, "DELETE FROM sessions WHERE project_id = ?", id);
      PriceTable.deleteOfProject(c, project.id());
      run(c, "DELETE FROM retention_policies WHERE project_id = ?", id);
      run(c, "DELETE FROM regulated_projects WHERE project_id = ?", id);
      int rows = run(c, "DELETE FROM projects WHERE id = ?", id);
      deleted.run();
      return rows;
    });
  }

  private int deleteTraces(Connection c, List<String> traceIds) throws SQLException {
    int deleted = 0;
    for (int from = 0; from < traceIds.size(); from += 500) {
      List<String> chunk = traceIds.subList(from, Math.min(traceIds.size(), from + 500));
      String marks = SqlAccess.marks(chunk.size());
      run(c, "DELETE FROM annotations WHERE (target = 'TRACE' AND target_id IN (" + marks + ")) OR ("
          + SPAN_ANNOTATIONS + " AND target_id IN (SELECT span_id FROM spans WHERE trace_id IN (" + marks + ")))",
          concat(chunk, chunk));
      deleted += rollups.deleteSpans(c, "s.trace_id IN (" + marks + ")", chunk);
      run(c, "DELETE FROM traces WHERE trace_id IN (" + marks + ")", chunk);
    }
    var what = AuditTable.deletion("traces");
    traceIds.forEach(what.putArray("trace_ids")::add);
    audit.recordDeletion(c, what, deleted);
    return deleted;
  }

  private static List<Object> concat(List<?> a, List<?> b) {
    List<Object> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static int run(Connection c, String sql, List<?> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlAccess.bind(ps, args);
      return ps.executeUpdate();
    }
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.SessionQuery;
import dev.arbor.store.CostTotal;
import dev.arbor.store.SessionSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sessions: a page of the {@code sessions} table, then the totals of their traces from the {@code traces}
 * table (a trace belongs to the first session any of its spans names, so children without a
 * {@code session.id} count too).
 */
final class SessionReads {
  private final SqlAccess db;
  private final SqlDialect dialect;
  private final ProjectTable projects;

  SessionReads(SqlAccess db, SqlDialect dialect, ProjectTable projects) {
    this.db = db;
    this.dialect = dialect;
    this.projects = projects;
  }

  private record Row(long id, long projectId, String sessionId) {}

  Page<SessionSummary> find(SessionQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    long projectId = project.get().id();
    StringBuilder sql = new StringBuilder("SELECT id, project_id, session_id FROM sessions x WHERE project_id = ?");
    List<Object> args = new ArrayList<>(List.of(projectId));
    if (query.page().cursor() != null) {
      sql.append(query.descending() ? " AND id <= ?" : " AND id >= ?");
      args.add(query.page().cursor());
    }
    if (query.narrowed()) {
      // A session is listed when one of its traces is in the window and selected by the filter, which reads the
      // trace's totals (t) and its root span (s).
      sql.append(" AND EXISTS (SELECT 1 FROM traces t");
      if (query.filter() != null) {
        // The root's start too: PostgreSQL then probes only the day partition that holds it.
        sql.append(" JOIN spans s ON s.id = t.root_id AND s.start_time_ns = t.root_start_ns AND s.project_id = ?"
            + " AND s.parent_span_id IS NULL");
        args.add(projectId);
      }
      sql.append(" WHERE t.project_id = ? AND t.session_id = x.session_id AND t.root_id IS NOT NULL");
      args.add(projectId);
      if (query.startTimeUnixNano() != null) {
        sql.append(" AND t.root_start_ns >= ?");
        args.add(query.startTimeUnixNano());
      }
      if (query.endTimeUnixNano() != null) {
        sql.append(" AND t.root_start_ns < ?");
        args.add(query.endTimeUnixNano());
      }
      if (query.filter() != null) {
        FilterSql.Compiled filter = dialect.compile(query.filter());
        sql.append(" AND ").append(filter.sql());
        args.addAll(filter.args());
      }
      sql.append(')');
    }
    sql.append(" ORDER BY id ").append(query.descending() ? "DESC" : "ASC").append(" LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return db.read(c -> {
      Page<Row> page = Page.fromOverRead(rows(c, sql.toString(), args), query.page().limit(), Row::id);
      return Page.of(summaries(c, page.items()), page.nextCursor());
    });
  }

  Optional<SessionSummary> bySessionId(String sessionId) {
    return db.read(c -> summaries(c, rows(c,
        "SELECT id, project_id, session_id FROM sessions WHERE session_id = ? ORDER BY id LIMIT 1",
        List.of(sessionId)))).stream().findFirst();
  }

  Optional<SessionSummary> byId(long id) {
    return db.read(c -> summaries(c, rows(c, "SELECT id, project_id, session_id FROM sessions WHERE id = ?",
        List.of(id)))).stream().findFirst();
  }

  private static List<Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlAccess.bind(ps, args);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        }
      }
      return rows;
    }
  }

  private List<SessionSummary> summaries(Connection c, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<TraceReads.Row>> tracesBySession = new HashMap<>();
    for (long projectId : rows.stream().map(Row::projectId).distinct().toList()) {
      List<String> sessionIds = rows.stream().filter(r -> r.projectId == projectId).map(Row::sessionId).toList();
      List<Object> args = new ArrayList<>(List.of(projectId));
      args.addAll(sessionIds);
      for (TraceReads.Row trace : TraceReads.rows(c, "SELECT " + TraceReads.TRACE_COLUMNS + " FROM traces t"
          + " WHERE t.project_id = ? AND t.session_id IN (" + SqlAccess.marks(sessionIds.size()) + ")"
          + " ORDER BY t.start_ns, t.trace_id", args)) {
        tracesBySession.computeIfAbsent(trace.sessionId(), k -> new ArrayList<>()).add(trace);
      }
    }
    List<SessionSummary> summaries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      summaries.add(summary(c, row, tracesBySession.getOrDefault(row.sessionId, List.of())));
    }
    return summaries;
  }

  private SessionSummary summary(Connection c, Row row, List<TraceReads.Row> traces) throws SQLException {
    long start = traces.stream().mapToLong(TraceReads.Row::start).min().orElse(0);
    long end = traces.stream().mapToLong(TraceReads.Row::end).max().orElse(0);
    TokenCounts tokens = TokenCounts.NONE;
    CostTotal cost = CostTotal.NONE;
    for (TraceReads.Row t : traces) {
      tokens = TraceTotals.plus(tokens, t.tokens());
      cost = cost.plus(t.cost());
    }
    return new SessionSummary(row.id, projects.name(c, row.projectId), row.sessionId, start, end,
        traces.stream().mapToLong(TraceReads.Row::spanCount).sum(),
        traces.stream().mapToLong(TraceReads.Row::errorCount).sum(), tokens, cost,
        traces.stream().map(t -> new SessionSummary.TraceRef(t.traceId(), t.rootId() < 0 ? null : t.rootId(),
            t.start(), t.end())).toList());
  }
}

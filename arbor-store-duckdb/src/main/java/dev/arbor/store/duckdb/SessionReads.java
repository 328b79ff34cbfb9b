package dev.arbor.store.duckdb;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.SessionQuery;
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
 * Sessions: a page of the {@code sessions} table, then roll-ups over every span of every trace that has a
 * span in the session (so a session's totals include children that carry no {@code session.id}).
 */
final class SessionReads {
  private final DuckDbAccess db;
  private final ProjectTable projects;

  SessionReads(DuckDbAccess db, ProjectTable projects) {
    this.db = db;
    this.projects = projects;
  }

  private record Row(long id, long projectId, String sessionId) {}

  Page<SessionSummary> find(SessionQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    StringBuilder sql = new StringBuilder("SELECT id, project_id, session_id FROM sessions WHERE project_id = ?");
    List<Object> args = new ArrayList<>(List.of(project.get().id()));
    if (query.page().cursor() != null) {
      sql.append(query.descending() ? " AND id <= ?" : " AND id >= ?");
      args.add(query.page().cursor());
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
      DuckDbAccess.bind(ps, args);
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
    Map<String, List<Trace>> tracesBySession = new HashMap<>();
    for (long projectId : rows.stream().map(Row::projectId).distinct().toList()) {
      List<String> sessionIds = rows.stream().filter(r -> r.projectId == projectId).map(Row::sessionId).toList();
      List<Object> args = new ArrayList<>(List.of(projectId));
      args.addAll(sessionIds);
      args.add(projectId);
      String sql = "WITH st AS (SELECT DISTINCT session_id, trace_id FROM spans WHERE project_id = ?"
          + " AND session_id IN (" + DuckDbAccess.marks(sessionIds.size()) + "))"
          + " SELECT st.session_id, s.trace_id, max(CASE WHEN s.parent_span_id IS NULL THEN s.id END) AS root_id, "
          + SpanReads.ROLLUP_COLUMNS
          + " FROM st JOIN spans s ON s.trace_id = st.trace_id AND s.project_id = ?"
          + " GROUP BY st.session_id, s.trace_id ORDER BY t_start, s.trace_id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        DuckDbAccess.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object rootId = rs.getObject("root_id");
            tracesBySession.computeIfAbsent(rs.getString("session_id"), k -> new ArrayList<>()).add(new Trace(
                new SessionSummary.TraceRef(rs.getString("trace_id"),
                    rootId == null ? null : ((Number) rootId).longValue(), rs.getLong("t_start"), rs.getLong("t_end")),
                rs.getLong("t_span_count"), rs.getLong("t_error_count"), SpanReads.tokens(rs)));
          }
        }
      }
    }
    List<SessionSummary> summaries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      summaries.add(summary(row, tracesBySession.getOrDefault(row.sessionId, List.of())));
    }
    return summaries;
  }

  private SessionSummary summary(Row row, List<Trace> traces) {
    long start = traces.stream().mapToLong(t -> t.ref.startTimeUnixNano()).min().orElse(0);
    long end = traces.stream().mapToLong(t -> t.ref.endTimeUnixNano()).max().orElse(0);
    TokenCounts tokens = TokenCounts.NONE;
    for (Trace t : traces) {
      tokens = add(tokens, t.tokens);
    }
    return new SessionSummary(row.id, projects.name(row.projectId), row.sessionId, start, end,
        traces.stream().mapToLong(Trace::spanCount).sum(), traces.stream().mapToLong(Trace::errorCount).sum(),
        tokens, traces.stream().map(Trace::ref).toList());
  }

  static TokenCounts add(TokenCounts a, TokenCounts b) {
    return new TokenCounts(plus(a.prompt(), b.prompt()), plus(a.completion(), b.completion()),
        plus(a.total(), b.total()), plus(a.cacheRead(), b.cacheRead()), plus(a.cacheWrite(), b.cacheWrite()),
        plus(a.reasoning(), b.reasoning()));
  }

  private static Long plus(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return Long.valueOf(a + b);
  }

  private record Trace(SessionSummary.TraceRef ref, long spanCount, long errorCount, TokenCounts tokens) {}
}

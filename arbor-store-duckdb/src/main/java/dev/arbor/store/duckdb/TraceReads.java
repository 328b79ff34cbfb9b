package dev.arbor.store.duckdb;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The trace list. A page is found among root spans first (newest first, by keyset on the sort key and id),
 * and its roll-ups are then computed for just the traces on the page; only a filter that reads roll-ups
 * makes the query aggregate every trace of the project.
 */
final class TraceReads {
  private final DuckDbAccess db;
  private final ProjectTable projects;
  private final SpanReads spans;

  TraceReads(DuckDbAccess db, ProjectTable projects, SpanReads spans) {
    this.db = db;
    this.projects = projects;
    this.spans = spans;
  }

  Page<TraceSummary> find(TraceQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    long projectId = project.get().id();
    boolean rollups = query.filter() != null && DuckDbFilterSql.readsRollups(query.filter().root());
    String key = query.sort() == TraceQuery.Sort.LATENCY ? "(s.end_time_ns - s.start_time_ns)" : "s.start_time_ns";
    StringBuilder sql = new StringBuilder("SELECT s.id FROM spans s");
    List<Object> args = new ArrayList<>();
    if (rollups) {
      sql.append(" JOIN (SELECT s.trace_id, ").append(SpanReads.ROLLUP_COLUMNS)
          .append(" FROM spans s WHERE s.project_id = ? GROUP BY s.trace_id) t ON t.trace_id = s.trace_id");
      args.add(projectId);
    }
    sql.append(" WHERE s.project_id = ? AND s.parent_span_id IS NULL");
    args.add(projectId);
    SpanReads.window(sql, args, query.startTimeUnixNano(), query.endTimeUnixNano());
    if (!query.sessionIds().isEmpty()) {
      sql.append(" AND s.trace_id IN (SELECT trace_id FROM spans WHERE project_id = ? AND session_id IN (")
          .append(DuckDbAccess.marks(query.sessionIds().size())).append("))");
      args.add(projectId);
      args.addAll(query.sessionIds());
    }
    if (query.filter() != null) {
      DuckDbFilterSql.Compiled filter = DuckDbFilterSql.compile(query.filter());
      sql.append(" AND ").append(filter.sql());
      args.addAll(filter.args());
    }
    String direction = query.ascending() ? "ASC" : "DESC";
    if (query.page().cursor() != null) {
      String beyond = query.ascending() ? ">" : "<";
      String cursorKey = key.replace("s.", "c.");
      sql.append(" AND (").append(key).append(' ').append(beyond).append(" (SELECT ").append(cursorKey)
          .append(" FROM spans c WHERE c.id = ?) OR (").append(key).append(" = (SELECT ").append(cursorKey)
          .append(" FROM spans c WHERE c.id = ?) AND s.id ").append(beyond).append("= ?))");
      args.add(query.page().cursor());
      args.add(query.page().cursor());
      args.add(query.page().cursor());
    }
    sql.append(" ORDER BY ").append(key).append(' ').append(direction).append(", s.id ").append(direction)
        .append(" LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return db.read(c -> {
      List<Long> rootIds = ids(c, sql.toString(), args);
      Page<Long> page = Page.fromOverRead(rootIds, query.page().limit(), id -> id);
      return Page.of(summaries(c, projectId, page.items(), query.includeSpans()), page.nextCursor());
    });
  }

  private static List<Long> ids(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      DuckDbAccess.bind(ps, args);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /** The summaries of the traces whose roots have {@code rootIds}, in that order. */
  private List<TraceSummary> summaries(Connection c, long projectId, List<Long> rootIds, boolean includeSpans)
      throws SQLException {
    if (rootIds.isEmpty()) {
      return List.of();
    }
    List<StoredSpan> roots = spans.spans(c, "SELECT " + SpanReads.COLUMNS + " FROM spans s WHERE s.id IN ("
        + DuckDbAccess.marks(rootIds.size()) + ")", rootIds);
    Map<Long, StoredSpan> rootById = new HashMap<>();
    roots.forEach(r -> rootById.put(r.id(), r));
    List<String> traceIds = roots.stream().map(r -> r.span().traceId()).distinct().toList();
    List<Object> args = new ArrayList<>(List.of(projectId));
    args.addAll(traceIds);
    Map<String, Rollup> rollups = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT s.trace_id, " + SpanReads.ROLLUP_COLUMNS
        + " FROM spans s WHERE s.project_id = ? AND s.trace_id IN (" + DuckDbAccess.marks(traceIds.size())
        + ") GROUP BY s.trace_id")) {
      DuckDbAccess.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rollups.put(rs.getString("trace_id"), new Rollup(rs.getLong("t_start"), rs.getLong("t_end"),
              rs.getLong("t_span_count"), rs.getLong("t_error_count"), SpanReads.tokens(rs)));
        }
      }
    }
    Map<String, List<StoredSpan>> spansByTrace = new LinkedHashMap<>();
    if (includeSpans) {
      for (StoredSpan span : spans.spans(c, "SELECT " + SpanReads.COLUMNS + " FROM spans s WHERE s.project_id = ?"
          + " AND s.trace_id IN (" + DuckDbAccess.marks(traceIds.size()) + ") ORDER BY s.start_time_ns, s.id", args)) {
        spansByTrace.computeIfAbsent(span.span().traceId(), k -> new ArrayList<>()).add(span);
      }
    }
    List<TraceSummary> summaries = new ArrayList<>(rootIds.size());
    for (long rootId : rootIds) {
      StoredSpan root = rootById.get(rootId);
      Rollup r = rollups.get(root.span().traceId());
      summaries.add(new TraceSummary(root.span().traceId(), root, r.start, r.end, r.spanCount, r.errorCount, r.tokens,
          spansByTrace.getOrDefault(root.span().traceId(), List.of())));
    }
    return summaries;
  }

  private record Rollup(long start, long end, long spanCount, long errorCount, TokenCounts tokens) {}
}

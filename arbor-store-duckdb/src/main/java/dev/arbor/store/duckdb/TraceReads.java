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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The trace list, read from the {@code traces} table (one narrow row of totals per trace) ordered by the
 * root's start or latency, by keyset on (sort key, root id). The root span's own columns are joined only
 * when a filter reads them; the page's root spans are then read by id.
 */
final class TraceReads {
  /** The columns of a traces row that a summary needs, over alias {@code t}. */
  static final String TRACE_COLUMNS = "t.trace_id, t.root_id, t.session_id, t.start_ns, t.end_ns, t.span_count,"
      + " t.error_count, t.prompt_tokens, t.completion_tokens, t.total_tokens, t.cache_read_tokens,"
      + " t.cache_write_tokens, t.reasoning_tokens";

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
    String key = query.sort() == TraceQuery.Sort.LATENCY ? "t.root_latency_ns" : "t.root_start_ns";
    StringBuilder sql = new StringBuilder("SELECT " + TRACE_COLUMNS + " FROM traces t");
    List<Object> args = new ArrayList<>();
    if (query.filter() != null) {
      sql.append(" JOIN spans s ON s.id = t.root_id");
    }
    sql.append(" WHERE t.project_id = ? AND t.root_id IS NOT NULL");
    args.add(project.get().id());
    if (query.startTimeUnixNano() != null) {
      sql.append(" AND t.root_start_ns >= ?");
      args.add(query.startTimeUnixNano());
    }
    if (query.endTimeUnixNano() != null) {
      sql.append(" AND t.root_start_ns < ?");
      args.add(query.endTimeUnixNano());
    }
    if (!query.sessionIds().isEmpty()) {
      sql.append(" AND t.session_id IN (").append(DuckDbAccess.marks(query.sessionIds().size())).append(')');
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
      String cursorKey = "(SELECT " + key.replace("t.", "c.") + " FROM traces c WHERE c.root_id = ?)";
      sql.append(" AND (").append(key).append(' ').append(beyond).append(' ').append(cursorKey).append(" OR (")
          .append(key).append(" = ").append(cursorKey).append(" AND t.root_id ").append(beyond).append("= ?))");
      args.add(query.page().cursor());
      args.add(query.page().cursor());
      args.add(query.page().cursor());
    }
    sql.append(" ORDER BY ").append(key).append(' ').append(direction).append(", t.root_id ").append(direction)
        .append(" LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return db.read(c -> {
      Page<Row> page = Page.fromOverRead(rows(c, sql.toString(), args), query.page().limit(), Row::rootId);
      return Page.of(summaries(c, page.items(), query.includeSpans()), page.nextCursor());
    });
  }

  /** A traces row. */
  record Row(String traceId, long rootId, String sessionId, long start, long end, long spanCount, long errorCount,
      TokenCounts tokens) {}

  static List<Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      DuckDbAccess.bind(ps, args);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object rootId = rs.getObject("root_id");
          rows.add(new Row(rs.getString("trace_id"), rootId == null ? -1 : ((Number) rootId).longValue(),
              rs.getString("session_id"), rs.getLong("start_ns"), rs.getLong("end_ns"), rs.getLong("span_count"),
              rs.getLong("error_count"), new TokenCounts(number(rs, "prompt_tokens"), number(rs, "completion_tokens"),
                  number(rs, "total_tokens"), number(rs, "cache_read_tokens"), number(rs, "cache_write_tokens"),
                  number(rs, "reasoning_tokens"))));
        }
      }
      return rows;
    }
  }

  private static Long number(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).longValue();
  }

  /** The summaries of these traces, in order, with their root spans (and all their spans if asked). */
  private List<TraceSummary> summaries(Connection c, List<Row> rows, boolean includeSpans) throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, StoredSpan> roots = new HashMap<>();
    spans.byIds(c, rows.stream().map(Row::rootId).toList(), "s.id").forEach(r -> roots.put(r.id(), r));
    List<TraceSummary> summaries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      List<StoredSpan> traceSpans = includeSpans ? spans.ofTrace(c, r.traceId()) : List.of();
      summaries.add(new TraceSummary(r.traceId(), roots.get(r.rootId()), r.start(), r.end(), r.spanCount(),
          r.errorCount(), r.tokens(), traceSpans));
    }
    return summaries;
  }
}

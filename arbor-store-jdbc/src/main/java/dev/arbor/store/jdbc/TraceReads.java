package dev.arbor.store.jdbc;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The trace list, read from the {@code traces} table (one narrow row of totals per trace) ordered by the
 * root's start or latency, by keyset on (sort key, root id). The root span's own columns are joined only
 * when a filter reads them. A page's root ids come first; then their traces rows and root spans, by id.
 */
final class TraceReads {
  /** The columns of a traces row that a summary needs, over alias {@code t}. */
  static final String TRACE_COLUMNS = "t.trace_id, t.root_id, t.session_id, t.start_ns, t.end_ns, t.span_count,"
      + " t.error_count, t.prompt_tokens, t.completion_tokens, t.total_tokens, t.cache_read_tokens,"
      + " t.cache_write_tokens, t.reasoning_tokens, t.cost, t.unpriced_count";

  private final SqlAccess db;
  private final SqlDialect dialect;
  private final ProjectTable projects;
  private final SpanReads spans;

  TraceReads(SqlAccess db, SqlDialect dialect, ProjectTable projects, SpanReads spans) {
    this.db = db;
    this.dialect = dialect;
    this.projects = projects;
    this.spans = spans;
  }

  Page<TraceSummary> find(TraceQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    long projectId = project.get().id();
    // The cost is a total of the traces table, so a sort by cost always reads it.
    boolean byRoots = query.filter() != null && !FilterSql.readsTotals(query.filter().root())
        && query.sort() != TraceQuery.Sort.COST;
    // A filter on the root span alone is answered from the spans (its root rows, with the filter pushed
    // into the scan), then the page's traces rows are read; otherwise the traces table leads.
    String key = byRoots
        ? (query.sort() == TraceQuery.Sort.LATENCY ? "(s.end_time_ns - s.start_time_ns)" : "s.start_time_ns")
        : switch (query.sort()) {
          case LATENCY -> "t.root_latency_ns";
          // An unpriced trace (null cost) sorts as -1: below every priced one.
          case COST -> "coalesce(t.cost, -1)";
          case START_TIME -> "t.root_start_ns";
        };
    String id = byRoots ? "s.id" : "t.root_id";
    // Ids first, then the rows of those ids: DuckDB's top-N then sorts one narrow column, not every column
    // of every row (12 ms instead of 68 ms for the newest 50 of 1.25M traces).
    StringBuilder sql = new StringBuilder(byRoots ? "SELECT s.id FROM spans s" : "SELECT t.root_id FROM traces t");
    List<Object> args = new ArrayList<>();
    // A filter on the totals alone needs no root span: the join costs a hash join over every span on DuckDB (250 ms
    // of the chains dashboard's 10M-span failed chains, 9 ms without).
    if (query.filter() != null && !byRoots && FilterSql.readsRootSpan(query.filter().root())) {
      sql.append(" JOIN spans s ON s.id = t.root_id AND s.project_id = t.project_id AND s.parent_span_id IS NULL");
    }
    sql.append(byRoots ? " WHERE s.project_id = ? AND s.parent_span_id IS NULL"
        : " WHERE t.project_id = ? AND t.root_id IS NOT NULL");
    args.add(projectId);
    String start = byRoots ? "s.start_time_ns" : "t.root_start_ns";
    if (query.startTimeUnixNano() != null) {
      sql.append(" AND ").append(start).append(" >= ?");
      args.add(query.startTimeUnixNano());
    }
    if (query.endTimeUnixNano() != null) {
      sql.append(" AND ").append(start).append(" < ?");
      args.add(query.endTimeUnixNano());
    }
    if (!query.sessionIds().isEmpty()) {
      sql.append(byRoots ? " AND s.trace_id IN (SELECT trace_id FROM traces WHERE project_id = ? AND session_id IN ("
          : " AND t.session_id IN (").append(SqlAccess.marks(query.sessionIds().size())).append(byRoots ? "))" : ")");
      if (byRoots) {
        args.add(projectId);
      }
      args.addAll(query.sessionIds());
    }
    if (query.filter() != null) {
      FilterSql.Compiled filter = dialect.compile(query.filter());
      sql.append(" AND ").append(filter.sql());
      args.addAll(filter.args());
    }
    String direction = query.ascending() ? "ASC" : "DESC";
    if (query.page().cursor() != null) {
      String beyond = query.ascending() ? ">" : "<";
      // The cursor's trace, of this project only (another project's would tell its key by what the page holds).
      String cursorKey = "(SELECT " + key.replace("s.", "c.").replace("t.", "c.") + " FROM "
          + (byRoots ? "spans c WHERE c.id = ?" : "traces c WHERE c.root_id = ?") + " AND c.project_id = ?)";
      sql.append(" AND (").append(key).append(' ').append(beyond).append(' ').append(cursorKey).append(" OR (")
          .append(key).append(" = ").append(cursorKey).append(" AND ").append(id).append(' ').append(beyond)
          .append("= ?))");
      args.addAll(List.of(query.page().cursor(), projectId, query.page().cursor(), projectId, query.page().cursor()));
    }
    sql.append(" ORDER BY ").append(key).append(' ').append(direction).append(", ").append(id).append(' ')
        .append(direction).append(" LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return db.read(c -> {
      List<Row> rows = rowsOfRoots(c, projectId, SpanReads.ids(c, sql.toString(), args));
      Page<Row> page = Page.fromOverRead(rows, query.page().limit(), Row::rootId);
      return Page.of(summaries(c, projectId, page.items(), query.includeSpans()), page.nextCursor());
    });
  }

  /**
   * The traces rows whose roots are {@code rootIds}, in that order. A root span that is not its trace's root
   * (a trace with two parentless spans lists the first) is left out.
   */
  private static List<Row> rowsOfRoots(Connection c, long projectId, List<Long> rootIds) throws SQLException {
    if (rootIds.isEmpty()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>(List.of(projectId));
    args.addAll(rootIds);
    Map<Long, Row> byRoot = new HashMap<>();
    args.add(java.util.Collections.min(rootIds));
    args.add(java.util.Collections.max(rootIds));
    for (Row row : rows(c, "SELECT " + TRACE_COLUMNS + " FROM traces t WHERE t.project_id = ? AND t.root_id IN ("
        + SqlAccess.marks(rootIds.size()) + ") AND t.root_id BETWEEN ? AND ?", args)) {
      byRoot.put(row.rootId(), row);
    }
    return rootIds.stream().map(byRoot::get).filter(java.util.Objects::nonNull).toList();
  }

  /** A traces row. */
  record Row(String traceId, long rootId, String sessionId, long start, long end, long spanCount, long errorCount,
      TokenCounts tokens, CostTotal cost) {}

  static List<Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlAccess.bind(ps, args);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object rootId = rs.getObject("root_id");
          rows.add(new Row(rs.getString("trace_id"), rootId == null ? -1 : ((Number) rootId).longValue(),
              rs.getString("session_id"), rs.getLong("start_ns"), rs.getLong("end_ns"), rs.getLong("span_count"),
              rs.getLong("error_count"), new TokenCounts(number(rs, "prompt_tokens"), number(rs, "completion_tokens"),
                  number(rs, "total_tokens"), number(rs, "cache_read_tokens"), number(rs, "cache_write_tokens"),
                  number(rs, "reasoning_tokens")),
              new CostTotal(SpanColumns.doubleOrNull(rs, "cost"), rs.getLong("unpriced_count"))));
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
  private List<TraceSummary> summaries(Connection c, long projectId, List<Row> rows, boolean includeSpans)
      throws SQLException {
    if (rows.isEmpty()) {
      return List.of();
    }
    // Every span of a trace in this project starts at or after the trace's start (its earliest span's).
    Map<String, List<StoredSpan>> spansOf = includeSpans ? spans.ofTraces(c, projectId,
        rows.stream().map(Row::traceId).toList(), rows.stream().mapToLong(Row::start).min().orElseThrow()) : Map.of();
    // The root spans: among the traces' spans when those were read (one read of the rows less), else by id.
    Map<Long, StoredSpan> roots = new HashMap<>();
    Set<Long> rootIds = new HashSet<>(rows.stream().map(Row::rootId).toList());
    spansOf.values().forEach(list -> list.stream().filter(span -> rootIds.contains(span.id()))
        .forEach(span -> roots.put(span.id(), span)));
    spans.byIds(c, rootIds.stream().filter(id -> !roots.containsKey(id)).sorted().toList(), "s.id")
        .forEach(r -> roots.put(r.id(), r));
    List<TraceSummary> summaries = new ArrayList<>(rows.size());
    for (Row r : rows) {
      StoredSpan root = roots.get(r.rootId());
      if (root == null) {
        // Its root is gone and its row not rebuilt yet: on PostgreSQL, retention drops whole days in one transaction
        // and rebuilds the traces rows in the next (RetentionTable). Left out, as a list joined to its roots would.
        continue;
      }
      List<StoredSpan> traceSpans = spansOf.getOrDefault(r.traceId(), List.of());
      summaries.add(new TraceSummary(r.traceId(), root, r.start(), r.end(), r.spanCount(), r.errorCount(),
          r.tokens(), r.cost(), traceSpans));
    }
    return summaries;
  }
}

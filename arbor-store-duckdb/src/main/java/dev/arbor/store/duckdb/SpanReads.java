package dev.arbor.store.duckdb;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.StoredSpan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads of spans: a project's spans by filter, one span, and the spans of one trace. */
final class SpanReads {
  /** The span columns with the table alias every query here uses. */
  static final String COLUMNS = "s.project_id, " + SpanRows.COLUMNS.replaceAll("(^|, *)(\\w)", "$1s.$2");

  private final DuckDbAccess db;
  private final ProjectTable projects;

  SpanReads(DuckDbAccess db, ProjectTable projects) {
    this.db = db;
    this.projects = projects;
  }

  Page<StoredSpan> find(SpanQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM spans s WHERE s.project_id = ?");
    List<Object> args = new ArrayList<>(List.of(project.get().id()));
    if (query.page().cursor() != null) {
      sql.append(" AND s.id <= ?");
      args.add(query.page().cursor());
    }
    window(sql, args, query.startTimeUnixNano(), query.endTimeUnixNano());
    if (query.filter() != null) {
      DuckDbFilterSql.Compiled filter = DuckDbFilterSql.compile(query.filter());
      sql.append(" AND ").append(filter.sql());
      args.addAll(filter.args());
    }
    sql.append(" ORDER BY s.id DESC LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return Page.fromOverRead(db.read(c -> spans(c, sql.toString(), args)), query.page().limit(), StoredSpan::id);
  }

  static void window(StringBuilder sql, List<Object> args, Long start, Long end) {
    if (start != null) {
      sql.append(" AND s.start_time_ns >= ?");
      args.add(start);
    }
    if (end != null) {
      sql.append(" AND s.start_time_ns < ?");
      args.add(end);
    }
  }

  Optional<StoredSpan> byId(long id) {
    return db.read(c -> spans(c, "SELECT " + COLUMNS + " FROM spans s WHERE s.id = ?", List.of(id)))
        .stream().findFirst();
  }

  Optional<StoredSpan> bySpanId(String spanId) {
    return db.read(c -> spans(c, "SELECT " + COLUMNS + " FROM spans s WHERE s.span_id = ? ORDER BY s.id LIMIT 1",
        List.of(spanId))).stream().findFirst();
  }

  List<StoredSpan> ofTrace(String traceId) {
    return db.read(c -> spans(c, "SELECT " + COLUMNS + " FROM spans s WHERE s.trace_id = ?"
        + " ORDER BY s.start_time_ns, s.id", List.of(traceId)));
  }

  List<StoredSpan> spans(Connection c, String sql, List<?> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      DuckDbAccess.bind(ps, args);
      List<StoredSpan> spans = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          spans.add(new StoredSpan(rs.getLong("id"), SpanRows.read(rs, projects.name(rs.getLong("project_id")))));
        }
      }
      return spans;
    }
  }

  /** The roll-up columns over spans {@code s} that trace and session queries share, named {@code t_…}. */
  static final String ROLLUP_COLUMNS = "min(s.start_time_ns) AS t_start, max(s.end_time_ns) AS t_end,"
      + " count(*) AS t_span_count, count(*) FILTER (WHERE s.status_code = 'ERROR') AS t_error_count,"
      + " sum(s.prompt_tokens) AS t_prompt_tokens, sum(s.completion_tokens) AS t_completion_tokens,"
      + " sum(s.total_tokens) AS t_total_tokens, sum(s.cache_read_tokens) AS t_cache_read_tokens,"
      + " sum(s.cache_write_tokens) AS t_cache_write_tokens, sum(s.reasoning_tokens) AS t_reasoning_tokens";

  static TokenCounts tokens(ResultSet rs) throws SQLException {
    return new TokenCounts(sum(rs, "t_prompt_tokens"), sum(rs, "t_completion_tokens"), sum(rs, "t_total_tokens"),
        sum(rs, "t_cache_read_tokens"), sum(rs, "t_cache_write_tokens"), sum(rs, "t_reasoning_tokens"));
  }

  private static Long sum(ResultSet rs, String column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).longValue();
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.Project;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time series over a project's spans, straight from the {@code spans} table: one scan, grouped by bucket and
 * group and, in the same statement ({@code GROUPING SETS}), over the whole range, with the filter compiled as
 * for span lists.
 */
final class MetricsReads {
  private static final String LATENCY_MS = "(CAST(s.end_time_ns - s.start_time_ns AS DOUBLE PRECISION) / 1000000)";

  private final SqlAccess db;
  private final SqlDialect dialect;
  private final ProjectTable projects;

  private final RollupTable rollups;

  MetricsReads(SqlAccess db, SqlDialect dialect, ProjectTable projects, RollupTable rollups) {
    this.rollups = rollups;
    this.db = db;
    this.dialect = dialect;
    this.projects = projects;
  }

  Metrics metrics(MetricsQuery q) {
    Optional<Project> project = projects.find(q.project());
    if (project.isEmpty()) {
      return Metrics.EMPTY;
    }
    Metrics fromRollups = rollups.answers(q) ? rollups.metrics(q, project.get().id()) : null;
    if (fromRollups != null) {
      return fromRollups;
    }
    long width = Math.multiplyExact(q.bucketSeconds(), 1_000_000_000L);
    List<Object> args = new ArrayList<>();
    String group = switch (q.groupBy()) {
      case NONE -> "CAST(NULL AS VARCHAR)";
      case SPAN_KIND -> "s.span_kind";
      case MODEL -> "s.model_name";
      case STATUS -> "s.status_code";
      case NAME -> "s.name";
      case STATUS_MESSAGE -> "s.status_message";
      case EXCEPTION_TYPE -> dialect.exceptionType();
      case ATTRIBUTE -> {
        FilterSql.Compiled attribute = dialect.attributeText(q.groupKey());
        args.addAll(attribute.args());
        yield attribute.sql();
      }
      case HTTP_STATUS -> dialect.httpStatus();
    };
    // Buckets start at the origin plus whole widths: floor division, written for times before the origin too.
    String offset = "(s.start_time_ns - " + q.originUnixNano() + ")";
    String bucket = "(s.start_time_ns - ((" + offset + " % " + width + ") + " + width + ") % " + width + ")";
    // The rows are shaped in a subquery and grouped outside it, so that a bound group expression (an attribute
    // key) is written once and the outer GROUP BY names only its column.
    StringBuilder sql = new StringBuilder("SELECT " + bucket + " AS bucket, " + group + " AS grp, s.status_code,"
        + " s.prompt_tokens, s.completion_tokens, s.total_tokens, s.cache_read_tokens, s.cache_write_tokens,"
        + " s.reasoning_tokens, s.prompt_audio_tokens, s.completion_audio_tokens, s.cost_total, " + LATENCY_MS
        + " AS latency_ms"
        + " FROM spans s WHERE s.project_id = ? AND s.start_time_ns >= ? AND s.start_time_ns < ?");
    args.addAll(List.of(project.get().id(), q.startTimeUnixNano(), q.endTimeUnixNano()));
    if (q.filter() != null) {
      FilterSql.Compiled filter = dialect.compile(q.filter());
      sql.append(" AND ").append(filter.sql());
      args.addAll(filter.args());
    }
    sql.insert(0, "SELECT grouping(bucket) AS whole, bucket, grp, count(*),"
        + " count(*) FILTER (WHERE status_code = 'ERROR'), sum(prompt_tokens), sum(completion_tokens),"
        + " sum(total_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),"
        + " sum(cost_total), count(*) FILTER (WHERE " + TraceTotals.UNPRICED + "), "
        + dialect.percentile("latency_ms", 0.50) + ", " + dialect.percentile("latency_ms", 0.95) + ", "
        + dialect.percentile("latency_ms", 0.99) + ", max(latency_ms) FROM (");
    sql.append(") x");
    sql.append(" GROUP BY GROUPING SETS ((bucket, grp), ()) ORDER BY 1, 2, 3 NULLS FIRST");
    return db.read(c -> {
      List<MetricsRow> rows = new ArrayList<>();
      MetricsRow total = null;
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        SqlAccess.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            boolean whole = rs.getInt(1) != 0;
            MetricsRow row = new MetricsRow(whole ? q.startTimeUnixNano() : rs.getLong(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5),
                new TokenCounts(number(rs, 6), number(rs, 7), number(rs, 8), number(rs, 9), number(rs, 10),
                    number(rs, 11)),
                new CostTotal(decimal(rs, 12), rs.getLong(13)), rs.getDouble(14), rs.getDouble(15), rs.getDouble(16),
                rs.getDouble(17));
            if (whole) {
              // With no span at all, the grand total is still one row, of zero spans: no total.
              total = row.spans() == 0 ? null : row;
            } else {
              rows.add(row);
            }
          }
        }
      }
      return new Metrics(rows, total);
    });
  }

  private static Long number(ResultSet rs, int column) throws java.sql.SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).longValue();
  }

  private static Double decimal(ResultSet rs, int column) throws java.sql.SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}

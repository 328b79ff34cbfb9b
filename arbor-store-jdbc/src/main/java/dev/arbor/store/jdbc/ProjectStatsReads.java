package dev.arbor.store.jdbc;

import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A project's totals from the {@code traces} table: counts and sums in one aggregate, then each percentile as
 * the value at its nearest rank ({@code ORDER BY latency LIMIT 1 OFFSET rank - 1}), which is the same standard
 * SQL on every database (their own percentile functions round ranks differently).
 */
final class ProjectStatsReads {
  private final SqlAccess db;
  private final ProjectTable projects;

  ProjectStatsReads(SqlAccess db, ProjectTable projects) {
    this.db = db;
    this.projects = projects;
  }

  ProjectStats stats(String name, Long start, Long end) {
    Optional<Project> project = projects.find(name);
    if (project.isEmpty()) {
      return ProjectStats.EMPTY;
    }
    StringBuilder where = new StringBuilder(" FROM traces WHERE project_id = ? AND root_id IS NOT NULL");
    List<Object> args = new ArrayList<>(List.of(project.get().id()));
    if (start != null) {
      where.append(" AND root_start_ns >= ?");
      args.add(start);
    }
    if (end != null) {
      where.append(" AND root_start_ns < ?");
      args.add(end);
    }
    return db.read(c -> {
      long count;
      long errors;
      TokenCounts tokens;
      CostTotal cost;
      Long lastEnd;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE error_count > 0),"
          + " sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cache_read_tokens),"
          + " sum(cache_write_tokens), sum(reasoning_tokens), max(end_ns), sum(cost), sum(unpriced_count)" + where)) {
        SqlAccess.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
          errors = rs.getLong(2);
          tokens = new TokenCounts(number(rs, 3), number(rs, 4), number(rs, 5), number(rs, 6), number(rs, 7),
              number(rs, 8));
          lastEnd = number(rs, 9);
          double costSum = rs.getDouble(10);
          cost = new CostTotal(rs.wasNull() ? null : costSum, rs.getLong(11));
        }
      }
      return new ProjectStats(count, errors, percentile(c, where, args, count, 0.50),
          percentile(c, where, args, count, 0.99), tokens, cost, lastEnd);
    });
  }

  private static Double percentile(Connection c, CharSequence where, List<Object> args, long count, double q)
      throws SQLException {
    if (count == 0) {
      return null;
    }
    long rank = (long) Math.ceil(q * count);
    try (PreparedStatement ps = c.prepareStatement("SELECT root_latency_ns" + where
        + " ORDER BY root_latency_ns LIMIT 1 OFFSET ?")) {
      List<Object> all = new ArrayList<>(args);
      all.add(Math.max(0, rank - 1));
      SqlAccess.bind(ps, all);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) / 1e6 : null;
      }
    }
  }

  private static Long number(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? null : ((Number) value).longValue();
  }
}

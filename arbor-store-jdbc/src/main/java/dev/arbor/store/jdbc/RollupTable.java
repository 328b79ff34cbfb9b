package dev.arbor.store.jdbc;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsQuery.GroupBy;
import dev.arbor.store.MetricsRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hourly rollups of the spans, so that a dashboard over a month reads a few thousand rows instead of every span
 * (ADR 0013): per project, hour of start, span kind, model and status, the number of spans, each token type's sum
 * (and how many spans reported it, so that a sum nobody reported stays null), the cost of the priced spans, the
 * unpriced count, and a {@link LatencySketch}.
 *
 * <p>The table holds signed deltas and is only ever appended to in the transactions that change spans: a write adds
 * the stored spans' row per key, a deletion adds the deleted spans' contributions taken away (read from its
 * {@code DELETE … RETURNING}), a cost recompute adds the change of cost. Nothing is read and written back, so
 * servers sharing a database never lose each other's updates. {@link #compact} merges the rows of a key into one.
 */
final class RollupTable {
  static final long HOUR = 3_600_000_000_000L;

  private static final String VALUES = "spans, prompt_tokens, prompt_reported, completion_tokens, completion_reported,"
      + " total_tokens, total_reported, cache_read_tokens, cache_read_reported, cache_write_tokens,"
      + " cache_write_reported, reasoning_tokens, reasoning_reported, cost, priced, unpriced, latency";
  private static final String KEY = "project_id, hour_ns, span_kind, model_name, status_code";
  private static final Set<GroupBy> GROUPS = EnumSet.of(GroupBy.NONE, GroupBy.SPAN_KIND, GroupBy.MODEL,
      GroupBy.STATUS);

  private final SqlAccess db;
  private final SqlDialect dialect;
  /** Whether every span is covered (no backfill left): read once it is true. */
  private volatile boolean complete;

  RollupTable(SqlAccess db, SqlDialect dialect) {
    this.db = db;
    this.dialect = dialect;
  }

  /** A rollup row's key: the hour is the start of the hour the spans started in; no model is null. */
  record Key(long projectId, long hour, String kind, String model, String status) {}

  /** The values of a key: sums that add and take away. */
  static final class Values {
    long spans;
    final long[] tokens = new long[6];
    final long[] reported = new long[6];
    double cost;
    long priced;
    long unpriced;
    final LatencySketch latency = new LatencySketch();

    void add(Long[] tokenCounts, Double costTotal, long latencyNanos, int sign) {
      spans += sign;
      boolean priceable = false;
      for (int i = 0; i < 6; i++) {
        if (tokenCounts[i] != null) {
          tokens[i] += sign * tokenCounts[i];
          reported[i] += sign;
          // The total alone does not make a call priceable (TraceTotals.PRICEABLE).
          priceable |= i != 2;
        }
      }
      if (costTotal != null) {
        cost += sign * costTotal;
        priced += sign;
      } else if (priceable) {
        unpriced += sign;
      }
      latency.add(latencyNanos / 1e6, sign);
    }

    void merge(Values other) {
      spans += other.spans;
      for (int i = 0; i < 6; i++) {
        tokens[i] += other.tokens[i];
        reported[i] += other.reported[i];
      }
      cost += other.cost;
      priced += other.priced;
      unpriced += other.unpriced;
      latency.merge(other.latency, 1);
    }

    boolean isZero() {
      return spans == 0 && priced == 0 && unpriced == 0 && cost == 0 && latency.isEmpty()
          && java.util.Arrays.stream(reported).allMatch(r -> r == 0);
    }

    TokenCounts tokenCounts() {
      Long[] t = new Long[6];
      for (int i = 0; i < 6; i++) {
        t[i] = reported[i] > 0 ? tokens[i] : null;
      }
      return new TokenCounts(t[0], t[1], t[2], t[3], t[4], t[5]);
    }
  }

  static long hourOf(long startNanos) {
    return startNanos - Math.floorMod(startNanos, HOUR);
  }

  /**
   * The contributions of spans about to be stored (with their projects' ids), one value per key; the model as the
   * store keeps it, so that a deletion, which reads it back, takes away from the same key.
   */
  static Map<Key, Values> of(Collection<Span> spans, Map<String, Long> projectIds, SqlDialect dialect) {
    Map<Key, Values> deltas = new LinkedHashMap<>();
    for (Span span : spans) {
      TokenCounts t = span.llm().tokens();
      Key key = new Key(projectIds.get(span.project()), hourOf(span.startTimeUnixNano()), span.llm().spanKind().name(),
          dialect.storedText(span.llm().modelName()), span.statusCode().name());
      deltas.computeIfAbsent(key, k -> new Values()).add(
          new Long[] {t.prompt(), t.completion(), t.total(), t.cacheRead(), t.cacheWrite(), t.reasoning()},
          span.cost().isPriced() ? span.cost().total() : null, span.endTimeUnixNano() - span.startTimeUnixNano(), 1);
    }
    return deltas;
  }

  private static final String HOUR_SQL = "s.start_time_ns - ((s.start_time_ns % " + HOUR + ") + " + HOUR + ") % " + HOUR;

  /**
   * The contributions of the spans a condition over {@code s} selects, counted in the database per key and latency
   * bin (a few thousand rows for any number of spans), times {@code sign}, added to {@code deltas}.
   */
  static void count(Connection c, String where, List<?> args, int sign, Map<Key, Values> deltas)
      throws SQLException {
    count(c, "", "spans s WHERE " + where, args, sign, deltas);
  }

  /** As {@link #count}, over {@code source} (a FROM item as {@code s} and its condition) after a WITH clause. */
  private static void count(Connection c, String with, String source, List<?> args, int sign,
      Map<Key, Values> deltas) throws SQLException {
    StringBuilder sql = new StringBuilder(with + "SELECT s.project_id, " + HOUR_SQL + " AS hour, s.span_kind, s.model_name,"
        + " s.status_code, " + LatencySketch.sqlIndex("s.end_time_ns - s.start_time_ns") + " AS bin, count(*)");
    for (String t : List.of("prompt", "completion", "total", "cache_read", "cache_write", "reasoning")) {
      sql.append(", sum(s.").append(t).append("_tokens), count(s.").append(t).append("_tokens)");
    }
    sql.append(", sum(s.cost_total), count(s.cost_total), count(*) FILTER (WHERE ").append(TraceTotals.UNPRICED)
        .append(") FROM ").append(source).append(" GROUP BY 1, 2, 3, 4, 5, 6");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      SqlAccess.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Values v = deltas.computeIfAbsent(new Key(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getString(5)), k -> new Values());
          int bin = rs.getInt(6);
          Integer index = rs.wasNull() ? null : bin;
          long n = sign * rs.getLong(7);
          v.spans += n;
          v.latency.addBin(index, n);
          for (int i = 0; i < 6; i++) {
            v.tokens[i] += sign * whole(rs, 8 + 2 * i); // a sum of no reported count is NULL, with a count of 0
            v.reported[i] += sign * rs.getLong(9 + 2 * i);
          }
          double cost = rs.getDouble(20);
          v.cost += rs.wasNull() ? 0 : sign * cost; // DuckDB's driver reads a NULL double as NaN
          v.priced += sign * rs.getLong(21);
          v.unpriced += sign * rs.getLong(22);
        }
      }
    }
  }

  /** Appends the contributions of spans a write stored, on its transaction. */
  void written(Connection c, Collection<Span> spans, Map<String, Long> projectIds) throws SQLException {
    append(c, of(spans, projectIds, dialect));
  }

  /** The {@link #KEY} columns of a rollup row, from column {@code first} on. */
  private static Key key(ResultSet rs, int first) throws SQLException {
    return new Key(rs.getLong(first), rs.getLong(first + 1), rs.getString(first + 2), rs.getString(first + 3),
        rs.getString(first + 4));
  }

  /** The {@link #VALUES} columns of a rollup row, from column {@code first} on. */
  private static Values values(ResultSet rs, int first) throws SQLException {
    Values v = new Values();
    v.spans = rs.getLong(first);
    for (int i = 0; i < 6; i++) {
      v.tokens[i] = rs.getLong(first + 1 + 2 * i);
      v.reported[i] = rs.getLong(first + 2 + 2 * i);
    }
    v.cost = rs.getDouble(first + 13);
    v.priced = rs.getLong(first + 14);
    v.unpriced = rs.getLong(first + 15);
    v.latency.merge(LatencySketch.of(rs.getBytes(first + 16)), 1);
    return v;
  }

  /** A sum of longs, of whatever type the database gives it (DuckDB: HUGEINT; PostgreSQL: numeric); 0 for NULL. */
  private static long whole(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Appends one row per key on the caller's transaction (after the spans' traces rows, for PostgreSQL's locks). */
  static void append(Connection c, Map<Key, Values> deltas) throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO span_rollups (" + KEY + ", " + VALUES + ") VALUES ("
        + SqlAccess.marks(22) + ")")) {
      for (Map.Entry<Key, Values> delta : deltas.entrySet()) {
        if (delta.getValue().isZero()) {
          continue;
        }
        Key k = delta.getKey();
        Values v = delta.getValue();
        int p = 1;
        ps.setLong(p++, k.projectId());
        ps.setLong(p++, k.hour());
        ps.setString(p++, k.kind());
        ps.setString(p++, k.model());
        ps.setString(p++, k.status());
        ps.setLong(p++, v.spans);
        for (int i = 0; i < 6; i++) {
          ps.setLong(p++, v.tokens[i]);
          ps.setLong(p++, v.reported[i]);
        }
        ps.setDouble(p++, v.cost);
        ps.setLong(p++, v.priced);
        ps.setLong(p++, v.unpriced);
        ps.setBytes(p, v.latency.bytes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Deletes the spans a condition over {@code s} selects and takes their contributions away, on the caller's
   * transaction; returns how many spans it deleted. On PostgreSQL the deleted rows are counted from the
   * {@code DELETE … RETURNING} itself, in the database, so a span committed meanwhile is either deleted and taken
   * away, or neither; DuckDB, with one writer, counts them and then deletes them.
   */
  static int deleteSpans(Connection c, SqlDialect dialect, String where, List<?> args) throws SQLException {
    Map<Key, Values> deltas = new LinkedHashMap<>();
    if (dialect.deletesInQueries()) {
      count(c, "WITH d AS (DELETE FROM spans s WHERE " + where + " RETURNING s.*) ", "d s", args, -1, deltas);
    } else {
      count(c, where, args, -1, deltas);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM spans s WHERE " + where)) {
        SqlAccess.bind(ps, args);
        ps.executeUpdate();
      }
    }
    append(c, deltas);
    return (int) -deltas.values().stream().mapToLong(v -> v.spans).sum();
  }

  /** Takes away the contributions of spans about to go otherwise (a dropped partition), on the caller's transaction. */
  static void takeAway(Connection c, SqlDialect dialect, String where, List<?> args) throws SQLException {
    Map<Key, Values> deltas = new LinkedHashMap<>();
    count(c, where, args, -1, deltas);
    append(c, deltas);
  }

  /** Forgets a project's rollups (the project is being deleted). */
  static void deleteProject(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM span_rollups WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      ps.executeUpdate();
    }
  }

  /**
   * The cost of the spans a condition over {@code s} selects, per key, for a recompute to add the change: called
   * before (sign -1) and after (sign 1) the update, in one transaction that holds ingest off the rollups (see
   * {@link CostRecompute}).
   */
  static void costs(Connection c, String where, List<?> args, int sign, Map<Key, Values> deltas)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT s.project_id, " + HOUR_SQL + " AS hour, s.span_kind,"
        + " s.model_name, s.status_code,"
        + " sum(s.cost_total), count(s.cost_total), count(*) FILTER (WHERE " + TraceTotals.UNPRICED
        + ") FROM spans s WHERE " + where
        + " GROUP BY 1, 2, 3, 4, 5")) {
      SqlAccess.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Values v = deltas.computeIfAbsent(new Key(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getString(5)), k -> new Values());
          double cost = rs.getDouble(6);
          // A sum of no priced span is NULL (and DuckDB's driver reads NULL as NaN).
          v.cost += rs.wasNull() ? 0 : sign * cost;
          v.priced += sign * rs.getLong(7);
          v.unpriced += sign * rs.getLong(8);
        }
      }
    }
  }

  /** Whether the rollups can answer the query: no filter, a group they keep, and buckets of whole hours. */
  boolean answers(MetricsQuery q) {
    if (q.exact() || q.filter() != null || !GROUPS.contains(q.groupBy()) || !complete()) {
      return false;
    }
    long width = q.bucketSeconds() * 1_000_000_000L;
    boolean oneBucket = q.originUnixNano() == q.startTimeUnixNano()
        && q.endTimeUnixNano() - q.startTimeUnixNano() <= width;
    return oneBucket || width % HOUR == 0 && q.originUnixNano() % HOUR == 0;
  }

  /**
   * The metrics of a query {@link #answers} can answer: the whole hours of the range from the rollups, the partial
   * hours at its ends from the spans, merged. Percentiles come from the merged sketches: within
   * {@link LatencySketch#RELATIVE_ACCURACY} of the exact nearest rank.
   */
  Metrics metrics(MetricsQuery q, long projectId) {
    long start = q.startTimeUnixNano();
    long end = q.endTimeUnixNano();
    long firstWhole = Math.min(end, start + Math.floorMod(-start, HOUR));
    long lastWhole = Math.max(firstWhole, hourOf(end));
    return db.read(c -> {
      Map<Key, Values> byKey = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + KEY + ", " + VALUES + " FROM span_rollups WHERE"
          + " project_id = ? AND hour_ns >= ? AND hour_ns < ?")) {
        ps.setLong(1, projectId);
        ps.setLong(2, firstWhole);
        ps.setLong(3, lastWhole);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byKey.merge(key(rs, 1), values(rs, 6), (a, b) -> {
              a.merge(b);
              return a;
            });
          }
        }
      }
      // The partial hours at either end, from the spans themselves.
      for (long[] edge : new long[][] {{start, firstWhole}, {Math.max(lastWhole, firstWhole), end}}) {
        if (edge[0] < edge[1]) {
          Map<Key, Values> part = new HashMap<>();
          count(c, "s.project_id = ? AND s.start_time_ns >= ? AND s.start_time_ns < ?",
              List.of(projectId, edge[0], edge[1]), 1, part);
          part.forEach((k, v) -> byKey.merge(k, v, (a, b) -> {
            a.merge(b);
            return a;
          }));
        }
      }
      return aggregate(q, byKey);
    });
  }

  private record Cell(long bucket, String group) {}

  private static Metrics aggregate(MetricsQuery q, Map<Key, Values> byKey) {
    long width = q.bucketSeconds() * 1_000_000_000L;
    boolean oneBucket = q.originUnixNano() == q.startTimeUnixNano()
        && q.endTimeUnixNano() - q.startTimeUnixNano() <= width;
    Map<Cell, Values> cells = new HashMap<>();
    Map<Cell, Long> errors = new HashMap<>();
    Values total = new Values();
    long totalErrors = 0;
    for (Map.Entry<Key, Values> entry : byKey.entrySet()) {
      Key k = entry.getKey();
      Values v = entry.getValue();
      // Buckets of whole hours: every span of an hour falls in the bucket its hour does.
      long bucket = oneBucket ? q.originUnixNano() : k.hour() - Math.floorMod(k.hour() - q.originUnixNano(), width);
      String group = switch (q.groupBy()) {
        case SPAN_KIND -> k.kind();
        case MODEL -> k.model();
        case STATUS -> k.status();
        default -> null;
      };
      Cell cell = new Cell(bucket, group);
      cells.computeIfAbsent(cell, x -> new Values()).merge(v);
      total.merge(v);
      if (StatusCode.ERROR.name().equals(k.status())) {
        errors.merge(cell, v.spans, Long::sum);
        totalErrors += v.spans;
      }
    }
    List<MetricsRow> rows = new ArrayList<>();
    for (Map.Entry<Cell, Values> cell : cells.entrySet()) {
      if (cell.getValue().spans > 0) {
        rows.add(row(cell.getKey().bucket(), cell.getKey().group(), cell.getValue(),
            errors.getOrDefault(cell.getKey(), 0L)));
      }
    }
    rows.sort(Comparator.comparingLong(MetricsRow::bucketStartUnixNano)
        .thenComparing(MetricsRow::group, Comparator.nullsFirst(Comparator.naturalOrder())));
    return new Metrics(rows, total.spans > 0 ? row(q.startTimeUnixNano(), null, total, totalErrors) : null);
  }

  private static MetricsRow row(long bucket, String group, Values v, long errors) {
    return new MetricsRow(bucket, group, v.spans, errors, v.tokenCounts(),
        new CostTotal(v.priced > 0 ? v.cost : null, v.unpriced), v.latency.quantile(0.50), v.latency.quantile(0.95),
        v.latency.quantile(0.99), v.latency.max());
  }

  /** Whether the rollups cover every span: the backfill of a store that had spans before them is done. */
  boolean complete() {
    if (!complete) {
      complete = db.read(c -> backfillLeft(c) == null);
    }
    return complete;
  }

  /** How far the backfill has come (the last span id done) and where it ends, or null when there is none left. */
  private static long[] backfillLeft(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT done_id, max_span_id FROM span_rollups_backfill");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
    }
  }

  /**
   * Builds the rollups of the spans stored before the table existed, {@code chunk} span ids per transaction, each
   * under the backfill row's lock (servers sharing a database take turns); spans written since are rolled up by
   * their writes. Returns how many spans it read.
   */
  long backfill(int chunk) {
    long read = 0;
    while (true) {
      long[] step = db.write(c -> {
        long[] left;
        try (PreparedStatement ps = c.prepareStatement("SELECT done_id, max_span_id FROM span_rollups_backfill"
            + dialect.forUpdate()); ResultSet rs = ps.executeQuery()) {
          left = rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
        }
        if (left == null) {
          return null;
        }
        long to = Math.min(left[1], left[0] + chunk);
        Map<Key, Values> deltas = new LinkedHashMap<>();
        count(c, "s.id > ? AND s.id <= ?", List.of(left[0], to), 1, deltas);
        append(c, deltas);
        try (PreparedStatement ps = c.prepareStatement(to >= left[1] ? "DELETE FROM span_rollups_backfill"
            : "UPDATE span_rollups_backfill SET done_id = " + to)) {
          ps.executeUpdate();
        }
        return new long[] {deltas.values().stream().mapToLong(v -> v.spans).sum(), to >= left[1] ? 1 : 0};
      });
      if (step == null) {
        return read;
      }
      read += step[0];
      if (step[1] == 1) {
        complete = true;
        return read;
      }
    }
  }

  /**
   * Merges the rows of each key that has several into one, for up to {@code maxKeys} keys in one short transaction;
   * returns how many rows it removed. The rows of those keys are read in one statement, in key order, locked on
   * PostgreSQL; they are deleted by id and the sums written in the same transaction, which is rolled back when
   * another server compacted some of them first (its keys are left to the next run).
   */
  int compact(int maxKeys) {
    return db.write(c -> {
      Map<Key, Values> merged = new LinkedHashMap<>();
      Map<Key, List<Long>> ids = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT r.id, " + prefixed("r.", KEY) + ", " + prefixed("r.", VALUES)
          + " FROM span_rollups r JOIN (SELECT " + KEY + " FROM span_rollups GROUP BY " + KEY
          + " HAVING count(*) > 1 LIMIT " + maxKeys + ") k ON k.project_id = r.project_id AND k.hour_ns = r.hour_ns"
          + " AND k.span_kind = r.span_kind AND k.model_name IS NOT DISTINCT FROM r.model_name"
          + " AND k.status_code = r.status_code ORDER BY " + prefixed("r.", KEY) + ", r.id"
          + (dialect.forUpdate().isEmpty() ? "" : dialect.forUpdate() + " OF r"));
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Key key = key(rs, 2);
          merged.computeIfAbsent(key, k -> new Values()).merge(values(rs, 7));
          ids.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getLong(1));
        }
      }
      List<Long> gone = ids.values().stream().filter(list -> list.size() > 1).flatMap(List::stream).toList();
      for (int from = 0; from < gone.size(); from += 1000) {
        List<Long> chunk = gone.subList(from, Math.min(gone.size(), from + 1000));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM span_rollups WHERE id IN ("
            + SqlAccess.marks(chunk.size()) + ")")) {
          SqlAccess.bind(ps, chunk);
          if (ps.executeUpdate() != chunk.size()) {
            throw new IllegalStateException("rollup rows compacted elsewhere meanwhile");
          }
        }
      }
      merged.keySet().removeIf(key -> ids.get(key).size() < 2);
      append(c, merged); // a key whose deltas cancel out leaves no row
      return gone.size() - (int) merged.values().stream().filter(v -> !v.isZero()).count();
    });
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }
}

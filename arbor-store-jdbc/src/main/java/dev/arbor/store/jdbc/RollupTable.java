package dev.arbor.store.jdbc;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.CostTotal;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsQuery.GroupBy;
import dev.arbor.store.MetricsRow;
import static dev.arbor.store.jdbc.RollupDeltas.HOUR;
import static dev.arbor.store.jdbc.RollupDeltas.KEY;
import static dev.arbor.store.jdbc.RollupDeltas.KEY_COLUMNS;
import static dev.arbor.store.jdbc.RollupDeltas.VALUES;
import static dev.arbor.store.jdbc.RollupDeltas.append;
import static dev.arbor.store.jdbc.RollupDeltas.hourOf;
import static dev.arbor.store.jdbc.RollupDeltas.key;
import static dev.arbor.store.jdbc.RollupDeltas.values;

import dev.arbor.store.jdbc.RollupDeltas.Key;
import dev.arbor.store.jdbc.RollupDeltas.Values;
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
 * (ADR 0013): per project, hour of start, span kind, model, status, span name, the text of one configured attribute
 * (an agent's name) and, for failed spans, the error's message, exception type and HTTP status: the number of spans, each token type's sum
 * (and how many spans reported it, so that a sum nobody reported stays null), the cost of the priced spans, the
 * unpriced count, and a {@link LatencySketch}. The rows are signed deltas ({@link RollupDeltas}) appended by the
 * transactions that change spans; this class answers metrics from them, backfills an upgraded store (or one whose
 * configured attribute changed: {@link #adoptAttribute}), and {@link #compact}s the rows of a key into one.
 */
final class RollupTable {
  private static final Set<GroupBy> GROUPS = EnumSet.of(GroupBy.NONE, GroupBy.SPAN_KIND, GroupBy.MODEL,
      GroupBy.STATUS, GroupBy.NAME, GroupBy.STATUS_MESSAGE, GroupBy.EXCEPTION_TYPE, GroupBy.HTTP_STATUS);
  /** Groups the keys hold for failed spans only: answered when the filter selects failed spans only. */
  private static final Set<GroupBy> ERROR_GROUPS = EnumSet.of(GroupBy.STATUS_MESSAGE, GroupBy.EXCEPTION_TYPE,
      GroupBy.HTTP_STATUS);

  /** The store fact that records which attribute the rollups keep. */
  static final String ATTRIBUTE_FACT = "rollup_attribute";

  private final SqlAccess db;
  private final SqlDialect dialect;
  private final RollupDeltas deltas;
  /** Whether every span is covered (no backfill left): read once it is true. */
  private volatile boolean complete;

  RollupTable(SqlAccess db, SqlDialect dialect, RollupDeltas deltas) {
    this.db = db;
    this.dialect = dialect;
    this.deltas = deltas;
  }

  /** Appends the contributions of spans a write stored, on its transaction. */
  void written(Connection c, Collection<Span> spans, Map<String, Long> projectIds) throws SQLException {
    append(c, deltas.of(spans, projectIds));
  }

  /**
   * Makes the rollups key the configured attribute: when the store's rows were keyed by another one (or none), they
   * are deleted, the backfill is set to roll up every span again and the key is recorded (the store fact
   * {@value #ATTRIBUTE_FACT}, empty or absent for none), in one transaction that holds writers off the spans and
   * the rollups. Returns whether it did so; {@link #backfill} then rebuilds them.
   */
  boolean adoptAttribute() {
    if (java.util.Objects.equals(db.read(RollupTable::recordedAttribute), deltas.attributeKey())) {
      return false; // the usual start: no lock taken, so other servers' ingest does not wait
    }
    return db.write(c -> {
      // The spans first, as ingest takes them: a batch that has written its spans but not yet its rollup rows
      // commits before the highest span id is read, or its spans would be rolled up twice.
      for (String table : List.of("spans", "span_rollups")) {
        String lock = dialect.lockForWriters(table);
        if (lock != null) {
          try (var st = c.createStatement()) {
            st.execute(lock);
          }
        }
      }
      String recorded = recordedAttribute(c);
      if (java.util.Objects.equals(recorded, deltas.attributeKey())) {
        return false;
      }
      try (var st = c.createStatement()) {
        st.execute("DELETE FROM span_rollups");
        st.execute("DELETE FROM span_rollups_backfill");
        st.execute("INSERT INTO span_rollups_backfill SELECT 0, max(id) FROM spans HAVING max(id) IS NOT NULL");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_facts (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
        ps.setString(1, ATTRIBUTE_FACT);
        ps.setString(2, deltas.attributeKey() == null ? "" : deltas.attributeKey());
        ps.executeUpdate();
      }
      complete = false;
      return true;
    });
  }

  /** The attribute whose text the rollups keep (splits by it read them), or null for none. */
  String attributeKey() {
    return deltas.attributeKey();
  }

  /** The attribute the store's rollups were last built to keep, or null for none (or none recorded yet). */
  static String recordedAttribute(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_facts WHERE name = ?")) {
      ps.setString(1, ATTRIBUTE_FACT);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && !rs.getString(1).isEmpty() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Whether the rollups may answer the query: a filter on what the keys hold (or none; the error groups need one,
   * which {@link #metrics} checks selects failed spans only), a group they keep, and buckets of whole hours.
   */
  boolean answers(MetricsQuery q) {
    boolean filterOnKeys = q.filter() == null ? !ERROR_GROUPS.contains(q.groupBy()) : RollupFilter.applies(q.filter());
    boolean kept = GROUPS.contains(q.groupBy())
        || q.groupBy() == GroupBy.ATTRIBUTE && q.groupKey().equals(deltas.attributeKey());
    if (q.exact() || !filterOnKeys || !kept || !complete()) {
      return false;
    }
    long width = q.bucketSeconds() * 1_000_000_000L;
    boolean oneBucket = q.originUnixNano() == q.startTimeUnixNano()
        && q.endTimeUnixNano() - q.startTimeUnixNano() <= width;
    return oneBucket || width % HOUR == 0 && q.originUnixNano() % HOUR == 0;
  }

  /**
   * The metrics of a query {@link #answers} can answer: the whole hours of the range from the rollups, the partial
   * hours at its ends from the spans, merged, the filter applied to the keys. Percentiles come from the merged
   * sketches: within {@link LatencySketch#RELATIVE_ACCURACY} of the exact nearest rank. Null when the query groups by
   * an error's detail and its filter selects spans that did not fail, whose details the keys do not hold.
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
            byKey.merge(key(rs, 1), values(rs, 1 + KEY_COLUMNS), (a, b) -> {
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
          deltas.countForReading(c, "s.project_id = ? AND s.start_time_ns >= ? AND s.start_time_ns < ?",
              List.of(projectId, edge[0], edge[1]), q.groupBy() == GroupBy.ATTRIBUTE, part);
          part.forEach((k, v) -> byKey.merge(k, v, (a, b) -> {
            a.merge(b);
            return a;
          }));
        }
      }
      if (q.filter() != null) {
        byKey.keySet().removeIf(key -> !RollupFilter.test(q.filter(), key));
      }
      boolean detailsKnown = !ERROR_GROUPS.contains(q.groupBy()) || byKey.entrySet().stream()
          .allMatch(e -> e.getValue().spans == 0 || StatusCode.ERROR.name().equals(e.getKey().status()));
      return detailsKnown ? aggregate(q, byKey) : null;
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
        case NAME -> k.name();
        case ATTRIBUTE -> k.attribute();
        case STATUS_MESSAGE -> k.errorMessage();
        case EXCEPTION_TYPE -> k.errorType();
        case HTTP_STATUS -> k.httpStatus();
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
        Map<Key, Values> rolled = new LinkedHashMap<>();
        deltas.count(c, "s.id > ? AND s.id <= ?", List.of(left[0], to), 1, rolled);
        append(c, rolled);
        try (PreparedStatement ps = c.prepareStatement(to >= left[1] ? "DELETE FROM span_rollups_backfill"
            : "UPDATE span_rollups_backfill SET done_id = " + to)) {
          ps.executeUpdate();
        }
        return new long[] {rolled.values().stream().mapToLong(v -> v.spans).sum(), to >= left[1] ? 1 : 0};
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
          + " AND k.status_code = r.status_code AND k.name IS NOT DISTINCT FROM r.name"
          + " AND k.attribute_value IS NOT DISTINCT FROM r.attribute_value"
          + " AND k.error_message IS NOT DISTINCT FROM r.error_message"
          + " AND k.error_type IS NOT DISTINCT FROM r.error_type AND k.http_status IS NOT DISTINCT FROM r.http_status"
          + " ORDER BY " + prefixed("r.", KEY) + ", r.id"
          + (dialect.forUpdate().isEmpty() ? "" : dialect.forUpdate() + " OF r"));
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Key key = key(rs, 2);
          merged.computeIfAbsent(key, k -> new Values()).merge(values(rs, 2 + KEY_COLUMNS));
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

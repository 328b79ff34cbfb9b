package dev.arbor.store.jdbc;

import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code span_rollups} (ADR 0013): signed deltas per project, hour of start, span kind, model, status, span
 * name, the text of one configured attribute (an agent's name) and, for failed spans, the error's message, exception
 * type and HTTP status, and how they are made in the transactions that change spans. A write adds what it stored; a
 * deletion, a dropped partition and a recompute take away or change what they touch, counted per key and latency bin
 * in the database. {@link RollupTable} reads and compacts them. Split from it because the two sides share only these
 * shapes.
 */
final class RollupDeltas {
  private final SqlDialect dialect;
  private final String attributeKey;
  /** The {@link #KEY} of the span row {@code s}, as select expressions. */
  private final String keySql;
  /** The same without the attribute's text (null): reading it costs a parse of each span's attributes. */
  private final String keySqlWithoutAttribute;

  /** {@code attributeKey}: the attribute whose text the keys hold ({@code agent.name}), or null (or empty) for none. */
  RollupDeltas(SqlDialect dialect, String attributeKey) {
    attributeKey = attributeKey == null || attributeKey.isEmpty() ? null : attributeKey;
    if (SpanColumns.Lifted.INPUT.equals(attributeKey) || SpanColumns.Lifted.OUTPUT.equals(attributeKey)) {
      throw new IllegalArgumentException(attributeKey + " is stored in a column of its own, not among the attributes:"
          + " it cannot be kept in the rollups");
    }
    this.dialect = dialect;
    this.attributeKey = attributeKey;
    this.keySql = keySql(dialect, attributeKey == null ? null : dialect.constantAttributeText(attributeKey));
    this.keySqlWithoutAttribute = keySql(dialect, null);
  }

  private static String keySql(SqlDialect dialect, String attributeText) {
    String failed = "CASE WHEN s.status_code = 'ERROR' THEN ";
    return "s.project_id, " + HOUR_SQL + " AS hour, s.span_kind, s.model_name, s.status_code, s.name, "
        + (attributeText == null ? "CAST(NULL AS VARCHAR)" : attributeText) + ", "
        + failed + "s.status_message END, " + failed + dialect.exceptionType() + " END, "
        + failed + dialect.httpStatus() + " END";
  }

  /** The attribute whose text the keys hold, or null for none. */
  String attributeKey() {
    return attributeKey;
  }

  static final long HOUR = 3_600_000_000_000L;

  static final String VALUES = "spans, prompt_tokens, prompt_reported, completion_tokens, completion_reported,"
      + " total_tokens, total_reported, cache_read_tokens, cache_read_reported, cache_write_tokens,"
      + " cache_write_reported, reasoning_tokens, reasoning_reported, cost, priced, unpriced, latency";
  static final String KEY = "project_id, hour_ns, span_kind, model_name, status_code, name, attribute_value,"
      + " error_message, error_type, http_status";
  /** How many columns {@link #KEY} names. */
  static final int KEY_COLUMNS = 10;

  /**
   * A rollup row's key: the hour is the start of the hour the spans started in; no model is null; the span name is
   * there for the provider comparison (one call's name across models); the attribute is the text of the configured
   * attribute ({@link SqlDialect#attributeText}), null where a span has none or none is configured. Failed spans
   * (status ERROR) are also keyed by what the error breakdowns group them by: the status message, the
   * {@code exception.type} of the first exception event, and the HTTP status ({@link SqlDialect#httpStatus}); those
   * are null for the other spans, so they add rows only where spans fail.
   */
  record Key(long projectId, long hour, String kind, String model, String status, String name, String attribute,
      String errorMessage, String errorType, String httpStatus) {}

  /** The values of a key: sums that add and take away. */
  static final class Values {
    long spans;
    final long[] tokens = new long[6];
    final long[] reported = new long[6];
    double cost;
    long priced;
    long unpriced;
    final LatencySketch latency = new LatencySketch();

    /** Adds one span; {@code priceable} as {@link TokenCounts#hasPriceableCounts} (audio counts included). */
    void add(Long[] tokenCounts, boolean priceable, Double costTotal, long latencyNanos) {
      spans++;
      for (int i = 0; i < 6; i++) {
        if (tokenCounts[i] != null) {
          tokens[i] += tokenCounts[i];
          reported[i]++;
        }
      }
      if (costTotal != null) {
        cost += costTotal;
        priced++;
      } else if (priceable) {
        unpriced++;
      }
      latency.add(latencyNanos / 1e6, 1);
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
  Map<Key, Values> of(Collection<Span> spans, Map<String, Long> projectIds) {
    Map<Key, Values> deltas = new LinkedHashMap<>();
    for (Span span : spans) {
      TokenCounts t = span.llm().tokens();
      boolean failed = span.statusCode() == StatusCode.ERROR;
      Key key = new Key(projectIds.get(span.project()), hourOf(span.startTimeUnixNano()), span.llm().spanKind().name(),
          dialect.storedText(span.llm().modelName()), span.statusCode().name(), dialect.storedText(span.name()),
          attributeKey == null ? null : dialect.storedText(text(span.attributes().get(attributeKey))),
          failed ? dialect.storedText(span.statusMessage()) : null,
          failed ? dialect.storedText(exceptionType(span)) : null,
          failed ? dialect.storedText(httpStatus(span)) : null);
      deltas.computeIfAbsent(key, k -> new Values()).add(
          new Long[] {t.prompt(), t.completion(), t.total(), t.cacheRead(), t.cacheWrite(), t.reasoning()},
          t.hasPriceableCounts(), span.cost().isPriced() ? span.cost().total() : null,
          span.endTimeUnixNano() - span.startTimeUnixNano());
    }
    return deltas;
  }

  /** The {@code exception.type} of the span's first event that has one, as {@link SqlDialect#exceptionType} does. */
  private static String exceptionType(Span span) {
    for (SpanEvent event : span.events()) {
      String type = text(event.attributes().get("exception.type"));
      if (type != null) {
        return type;
      }
    }
    return null;
  }

  /** The span's HTTP status, as {@link SqlDialect#httpStatus} reads it from the stored attributes. */
  private static String httpStatus(Span span) {
    String current = text(span.attributes().get("http.response.status_code"));
    return current != null ? current : text(span.attributes().get("http.status_code"));
  }

  /**
   * An attribute value as the databases' JSON text extraction gives it: a string as it is, an integer or a boolean
   * written out. A float, list or map (no instrumentation sends an HTTP status, exception type or agent name so) is
   * written as Java writes it, which a database may write differently (ADR 0013).
   */
  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static final String HOUR_SQL = "s.start_time_ns - ((s.start_time_ns % " + HOUR + ") + " + HOUR + ") % " + HOUR;

  /**
   * The contributions of the spans a condition over {@code s} selects, counted in the database per key and latency
   * bin (a few thousand rows for any number of spans), times {@code sign}, added to {@code deltas}.
   */
  void count(Connection c, String where, List<?> args, int sign, Map<Key, Values> deltas) throws SQLException {
    count(c, keySql, "", "spans s WHERE " + where, args, sign, deltas);
  }

  /**
   * As {@link #count} (sign 1), for a read that merges them with the rollups: keyed by the attribute only when
   * {@code byAttribute} (the read splits by it), since reading its text parses every span's attributes.
   */
  void countForReading(Connection c, String where, List<?> args, boolean byAttribute, Map<Key, Values> deltas)
      throws SQLException {
    count(c, byAttribute ? keySql : keySqlWithoutAttribute, "", "spans s WHERE " + where, args, 1, deltas);
  }

  /**
   * As {@link #count}, keyed by {@code key}, over {@code source} (a FROM item as {@code s} and its condition) after a
   * WITH clause.
   */
  private void count(Connection c, String key, String with, String source, List<?> args, int sign,
      Map<Key, Values> deltas) throws SQLException {
    StringBuilder sql = new StringBuilder(with + "SELECT " + key + ", "
        + LatencySketch.sqlIndex("s.end_time_ns - s.start_time_ns") + " AS bin, count(*)");
    for (String t : List.of("prompt", "completion", "total", "cache_read", "cache_write", "reasoning")) {
      sql.append(", sum(s.").append(t).append("_tokens), count(s.").append(t).append("_tokens)");
    }
    sql.append(", sum(s.cost_total), count(s.cost_total), count(*) FILTER (WHERE ").append(TraceTotals.UNPRICED)
        .append(") FROM ").append(source).append(" GROUP BY ").append(positions(KEY_COLUMNS + 1));
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      SqlAccess.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Values v = deltas.computeIfAbsent(key(rs, 1), k -> new Values());
          int p = KEY_COLUMNS + 1;
          int bin = rs.getInt(p++);
          Integer index = rs.wasNull() ? null : bin;
          long n = sign * rs.getLong(p++);
          v.spans += n;
          v.latency.addBin(index, n);
          for (int i = 0; i < 6; i++) {
            v.tokens[i] += sign * whole(rs, p++); // a sum of no reported count is NULL, with a count of 0
            v.reported[i] += sign * rs.getLong(p++);
          }
          double cost = rs.getDouble(p++);
          v.cost += rs.wasNull() ? 0 : sign * cost; // DuckDB's driver reads a NULL double as NaN
          v.priced += sign * rs.getLong(p++);
          v.unpriced += sign * rs.getLong(p);
        }
      }
    }
  }

  /** The {@link #KEY} columns of a rollup row, from column {@code first} on. */
  static Key key(ResultSet rs, int first) throws SQLException {
    return new Key(rs.getLong(first), rs.getLong(first + 1), rs.getString(first + 2), rs.getString(first + 3),
        rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6), rs.getString(first + 7),
        rs.getString(first + 8), rs.getString(first + 9));
  }

  /** {@code 1, 2, …, n}: the first n select expressions, for a GROUP BY. */
  private static String positions(int n) {
    return String.join(", ", java.util.stream.IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList());
  }

  /** The {@link #VALUES} columns of a rollup row, from column {@code first} on. */
  static Values values(ResultSet rs, int first) throws SQLException {
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

  /** Rows per INSERT statement of {@link #append}: 27 parameters each, well under PostgreSQL's 65,535. */
  private static final int ROWS_PER_INSERT = 500;

  /**
   * Appends one row per key on the caller's transaction (after the spans' traces rows, for PostgreSQL's locks), up to
   * {@value #ROWS_PER_INSERT} rows per statement: DuckDB's driver runs a batch row by row, which made a recompute
   * spend most of its time appending the rollups' cost change (BENCHMARKS.md, "Costs").
   */
  static void append(Connection c, Map<Key, Values> deltas) throws SQLException {
    List<Map.Entry<Key, Values>> rows = deltas.entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
    String row = "(" + SqlAccess.marks(KEY_COLUMNS + 17) + ")";
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<Map.Entry<Key, Values>> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO span_rollups (" + KEY + ", " + VALUES + ") VALUES "
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), row)))) {
        int p = 1;
        for (Map.Entry<Key, Values> delta : chunk) {
          Key k = delta.getKey();
          Values v = delta.getValue();
          ps.setLong(p++, k.projectId());
          ps.setLong(p++, k.hour());
          ps.setString(p++, k.kind());
          ps.setString(p++, k.model());
          ps.setString(p++, k.status());
          ps.setString(p++, k.name());
          ps.setString(p++, k.attribute());
          ps.setString(p++, k.errorMessage());
          ps.setString(p++, k.errorType());
          ps.setString(p++, k.httpStatus());
          ps.setLong(p++, v.spans);
          for (int i = 0; i < 6; i++) {
            ps.setLong(p++, v.tokens[i]);
            ps.setLong(p++, v.reported[i]);
          }
          ps.setDouble(p++, v.cost);
          ps.setLong(p++, v.priced);
          ps.setLong(p++, v.unpriced);
          ps.setBytes(p++, v.latency.bytes());
        }
        ps.executeUpdate();
      }
    }
  }

  /**
   * Deletes the spans a condition over {@code s} selects and takes their contributions away, on the caller's
   * transaction; returns how many spans it deleted. On PostgreSQL the deleted rows are counted from the
   * {@code DELETE … RETURNING} itself, in the database, so a span committed meanwhile is either deleted and taken
   * away, or neither; DuckDB, with one writer, counts them and then deletes them.
   */
  int deleteSpans(Connection c, String where, List<?> args) throws SQLException {
    Map<Key, Values> deltas = new LinkedHashMap<>();
    if (dialect.deletesInQueries()) {
      count(c, keySql, "WITH d AS (DELETE FROM spans s WHERE " + where + " RETURNING s.*) ", "d s", args, -1,
          deltas);
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
  void takeAway(Connection c, String where, List<?> args) throws SQLException {
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
   * Appends the change of cost per key that a recompute is about to make to the priceable spans a condition over
   * {@code s} selects (those whose cost changes: the others add nothing), counted and written by the database in one
   * statement before the update, in the transaction that holds ingest off the rollups (see {@link CostRecompute}):
   * their new total cost is {@code newCost} (SQL over the span row, binding {@code newCostArgs}, which come before
   * {@code args}), or none when null (unpriced).
   */
  void appendCostChange(Connection c, String where, List<?> args, String newCost, List<?> newCostArgs)
      throws SQLException {
    String newSum = newCost == null ? "0" : "coalesce(sum(" + newCost + "), 0)";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO span_rollups (" + KEY + ", " + VALUES + ") SELECT "
        + keySql + ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, " + newSum + " - coalesce(sum(s.cost_total), 0), "
        + (newCost == null ? "0" : "count(*)") + " - count(s.cost_total), "
        + (newCost == null ? "count(*)" : "0") + " - count(*) FILTER (WHERE " + TraceTotals.UNPRICED + "), ?"
        + " FROM spans s WHERE " + where + " GROUP BY " + positions(KEY_COLUMNS))) {
      List<Object> all = new java.util.ArrayList<>(newCostArgs);
      all.add(new LatencySketch().bytes());
      all.addAll(args);
      SqlAccess.bind(ps, all);
      ps.executeUpdate();
    }
  }

}

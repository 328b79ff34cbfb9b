package dev.arbor.store.jdbc;

import dev.arbor.store.filter.Filter;

/** What the shared reads need from a store's SQL dialect. */
public interface SqlDialect {
  /** The filter as a condition over the span row {@code s} (and, for traces, the traces row {@code t}). */
  FilterSql.Compiled compile(Filter filter);

  /**
   * A query that recomputes the {@code traces} row of the trace whose id is its one parameter from that
   * trace's spans, its columns in the table's order (no row when no span is left).
   */
  String traceRowFromSpans();

  /**
   * The nearest-rank percentile {@code q} (0 < q ≤ 1) of {@code expression} in an aggregate: the smallest value
   * that at least that share of the group's rows do not exceed.
   */
  String percentile(String expression, double q);

  /**
   * Appended to a {@code SELECT … ORDER BY} to lock its rows until the transaction ends, or empty where one
   * writer at a time is all the store allows (DuckDB) and rows need no lock.
   */
  String forUpdate();

  /**
   * A statement that makes writers of {@code table} wait for this transaction to end (readers go on), or null where
   * one process is the only writer (DuckDB) and an in-process lock is enough.
   */
  String lockForWriters(String table);

  /**
   * A statement that takes, up front, the lock an {@code UPDATE} of {@code table} takes (writers and readers go on),
   * so that a transaction takes its locks in the order others do; null where one process is the only writer.
   */
  String lockForUpdate(String table);

  /**
   * Whether a {@code DELETE … RETURNING} may feed a query in the same statement ({@code WITH d AS (DELETE …)}):
   * PostgreSQL; elsewhere the rows are counted first, which one writer at a time makes safe.
   */
  default boolean deletesInQueries() {
    return false;
  }

  /** A text as a span column stores it (PostgreSQL has no U+0000 and stores U+FFFD). */
  default String storedText(String text) {
    return text;
  }

  /** The {@code exception.type} of the first event of the span row {@code s} that has one, or null. */
  String exceptionType();

  /** The text of the top-level attribute {@code key} of the span row {@code s} (null where absent), bound. */
  FilterSql.Compiled attributeText(String key);

  /**
   * The HTTP status of the span row {@code s} as text: its {@code http.response.status_code} attribute, or the older
   * {@code http.status_code} where that is absent ({@link #constantAttributeText}).
   */
  default String httpStatus() {
    return "coalesce(" + constantAttributeText("http.response.status_code") + ", "
        + constantAttributeText("http.status_code") + ")";
  }

  /**
   * {@link #attributeText} with the key written into the SQL, for a key that is a constant (not a request's): the
   * expression can stand anywhere in a statement without moving its bound parameters.
   */
  default String constantAttributeText(String key) {
    return literal(attributeText(key));
  }

  /** A compiled expression with its bound texts written in as SQL literals: for constant texts only. */
  private static String literal(FilterSql.Compiled compiled) {
    StringBuilder sql = new StringBuilder();
    java.util.Iterator<?> args = compiled.args().iterator();
    for (char ch : compiled.sql().toCharArray()) {
      sql.append(ch == '?' ? "'" + ((String) args.next()).replace("'", "''") + "'" : String.valueOf(ch));
    }
    return sql.toString();
  }

  /**
   * Inserts many rows of longs, ints and texts into {@code table}'s {@code columns} in the caller's transaction, the
   * fastest way the database offers (DuckDB's Appender; multi-row inserts elsewhere).
   */
  default void insertRows(java.sql.Connection c, String table, java.util.List<String> columns,
      java.util.List<Object[]> rows) throws java.sql.SQLException {
    int perInsert = Math.max(1, 30_000 / columns.size());
    String row = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    for (int from = 0; from < rows.size(); from += perInsert) {
      java.util.List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perInsert));
      StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql.toString())) {
        int p = 1;
        for (Object[] values : chunk) {
          for (Object value : values) {
            ps.setObject(p++, value);
          }
        }
        ps.executeUpdate();
      }
    }
  }
}

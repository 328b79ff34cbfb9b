package dev.arbor.store.duckdb;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.jdbc.FilterSql;
import dev.arbor.store.jdbc.SqlDialect;

/** DuckDB's SQL where the shared reads need a dialect. */
final class DuckDbDialect implements SqlDialect {
  @Override
  public FilterSql.Compiled compile(Filter filter) {
    return DuckDbFilterSql.compile(filter);
  }

  @Override
  public String traceRowFromSpans() {
    return TraceTable.ROW_FROM_SPANS;
  }

  @Override
  public String exceptionType() {
    return "list_filter(json_extract_string(s.events, '$[*].attributes.\"exception.type\"'), x -> x IS NOT NULL)[1]";
  }

  /** A JSON Pointer to the key, as the filter compiler writes them: dots and quotes in keys need no escaping. */
  @Override
  public FilterSql.Compiled attributeText(String key) {
    return new FilterSql.Compiled("json_extract_string(s.attributes, ?)",
        java.util.List.of("/" + key.replace("~", "~0").replace("/", "~1")));
  }

  /** Writes are serialised by the store itself (one writer connection, one caller at a time). */
  @Override
  public String lockForWriters(String table) {
    return null;
  }

  @Override
  public String lockForUpdate(String table) {
    return null;
  }

  @Override
  public String forUpdate() {
    return "";
  }

  /** DuckDB's quantile_disc is the nearest rank: the value at 1-based position ceil(q * n) of the sorted values. */
  @Override
  public String percentile(String expression, double q) {
    return "quantile_disc(" + expression + ", " + q + ")";
  }

  /** DuckDB's Appender: rows go straight into the table's column store, in the writer's transaction. */
  @Override
  public void insertRows(java.sql.Connection c, String table, java.util.List<String> columns,
      java.util.List<Object[]> rows) throws java.sql.SQLException {
    try (org.duckdb.DuckDBAppender appender = c.unwrap(org.duckdb.DuckDBConnection.class)
        .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, table)) {
      for (Object[] values : rows) {
        appender.beginRow();
        for (Object value : values) {
          switch (value) {
            case Long l -> appender.append(l.longValue());
            case Integer i -> appender.append(i.intValue());
            case String text -> appender.append(text);
            default -> throw new java.sql.SQLException("cannot append a " + value.getClass().getName());
          }
        }
        appender.endRow();
      }
    }
  }
}

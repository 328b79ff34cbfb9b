package dev.arbor.store.duckdb;

import dev.arbor.store.jdbc.TraceTotals;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's way of adding a batch's trace totals: append them to {@code trace_deltas} with the Appender,
 * then merge that table into {@code traces} with one upsert and empty it, all in the writer's transaction.
 */
final class TraceTable {
  /** Recomputes one trace's row from its spans (the parameter is the trace id); DuckDB has {@code arg_min}. */
  static final String ROW_FROM_SPANS = "SELECT project_id, trace_id,"
      + " min(CASE WHEN parent_span_id IS NULL THEN id END),"
      + " arg_min(CASE WHEN parent_span_id IS NULL THEN start_time_ns END, CASE WHEN parent_span_id IS NULL"
      + " THEN id END),"
      + " arg_min(CASE WHEN parent_span_id IS NULL THEN end_time_ns - start_time_ns END,"
      + " CASE WHEN parent_span_id IS NULL THEN id END),"
      + " arg_min(session_id, CASE WHEN session_id IS NOT NULL THEN id END),"
      + " min(start_time_ns), max(end_time_ns), count(*), count(*) FILTER (WHERE status_code = 'ERROR'),"
      + " sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cache_read_tokens),"
      + " sum(cache_write_tokens), sum(reasoning_tokens), " + TraceTotals.COST_FROM_SPANS
      + " FROM spans WHERE trace_id = ? GROUP BY project_id, trace_id";

  private TraceTable() {}

  static void merge(DuckDBConnection writer, TraceTotals.Batch batch) throws SQLException {
    var rows = batch.rows();
    if (rows.isEmpty()) {
      return;
    }
    try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trace_deltas")) {
      for (Object[] row : rows) {
        a.beginRow();
        for (Object value : row) {
          switch (value) {
            case null -> a.appendNull();
            case Long l -> a.append(l.longValue());
            case Double d -> a.append(d.doubleValue());
            case String s -> a.append(s);
            default -> throw new IllegalStateException("unexpected trace column value " + value.getClass());
          }
        }
        a.endRow();
      }
    }
    try (Statement st = writer.createStatement()) {
      st.execute("INSERT INTO traces SELECT * FROM trace_deltas" + TraceTotals.UPSERT);
      st.execute("DELETE FROM trace_deltas");
    }
  }
}

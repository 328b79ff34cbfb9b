package dev.arbor.store.postgres;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.jdbc.FilterSql;
import dev.arbor.store.jdbc.SqlDialect;
import dev.arbor.store.jdbc.TraceTotals;

/** PostgreSQL's SQL where the shared reads need a dialect. */
final class PostgresDialect implements SqlDialect {
  /** One trace's row from its spans: the first root and the first session by store id, as DuckDB's arg_min. */
  private static final String ROW_FROM_SPANS = "SELECT project_id, trace_id,"
      + " min(id) FILTER (WHERE parent_span_id IS NULL),"
      + " (array_agg(start_time_ns ORDER BY id) FILTER (WHERE parent_span_id IS NULL))[1],"
      + " (array_agg(end_time_ns - start_time_ns ORDER BY id) FILTER (WHERE parent_span_id IS NULL))[1],"
      + " (array_agg(session_id ORDER BY id) FILTER (WHERE session_id IS NOT NULL))[1],"
      + " min(start_time_ns), max(end_time_ns), count(*), count(*) FILTER (WHERE status_code = 'ERROR'),"
      + " sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cache_read_tokens),"
      + " sum(cache_write_tokens), sum(reasoning_tokens), " + TraceTotals.COST_FROM_SPANS
      + " FROM spans WHERE trace_id = ? GROUP BY project_id, trace_id";

  @Override
  public FilterSql.Compiled compile(Filter filter) {
    return PostgresFilterSql.compile(filter);
  }

  @Override
  public String traceRowFromSpans() {
    return ROW_FROM_SPANS;
  }

  @Override
  public String exceptionType() {
    // A function of the schema (V013): the events' text may hold what JSONB refuses.
    return "arbor_exception_type(s.events)";
  }

  @Override
  public FilterSql.Compiled attributeText(String key) {
    return new FilterSql.Compiled("(s.attributes ->> CAST(? AS TEXT))", java.util.List.of(key));
  }

  @Override
  public boolean deletesInQueries() {
    return true;
  }

  @Override
  public String storedText(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  @Override
  public String lockForWriters(String table) {
    return "LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE";
  }

  @Override
  public String lockForUpdate(String table) {
    return "LOCK TABLE " + table + " IN ROW EXCLUSIVE MODE";
  }

  @Override
  public String forUpdate() {
    return " FOR UPDATE";
  }

  /** PostgreSQL's percentile_disc is the nearest rank: the first value whose position reaches q. */
  @Override
  public String percentile(String expression, double q) {
    return "percentile_disc(" + q + ") WITHIN GROUP (ORDER BY " + expression + ")";
  }
}

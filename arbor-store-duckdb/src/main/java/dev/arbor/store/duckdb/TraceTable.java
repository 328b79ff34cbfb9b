package dev.arbor.store.duckdb;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps the {@code traces} table, one row of totals per trace, in step with the spans, inside the writer's
 * transaction: a batch's totals per trace are appended to {@code trace_deltas} and merged in one upsert
 * (sums added, first root and first session kept), so arrival order does not matter. A deletion rebuilds
 * the rows of the traces it touched from their remaining spans.
 */
final class TraceTable {
  private TraceTable() {}

  /** What one batch adds to one trace. */
  private static final class Delta {
    final long projectId;
    final String traceId;
    Long rootId;
    Long rootStart;
    Long rootLatency;
    String sessionId;
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    long spans;
    long errors;
    Long prompt;
    Long completion;
    Long total;
    Long cacheRead;
    Long cacheWrite;
    Long reasoning;

    Delta(long projectId, String traceId) {
      this.projectId = projectId;
      this.traceId = traceId;
    }

    void add(long id, Span s) {
      if (s.parentSpanId() == null && rootId == null) {
        rootId = id;
        rootStart = s.startTimeUnixNano();
        rootLatency = s.endTimeUnixNano() - s.startTimeUnixNano();
      }
      if (sessionId == null) {
        sessionId = s.llm().sessionId();
      }
      start = Math.min(start, s.startTimeUnixNano());
      end = Math.max(end, s.endTimeUnixNano());
      spans++;
      errors += s.statusCode() == StatusCode.ERROR ? 1 : 0;
      TokenCounts t = s.llm().tokens();
      prompt = plus(prompt, t.prompt());
      completion = plus(completion, t.completion());
      total = plus(total, t.total());
      cacheRead = plus(cacheRead, t.cacheRead());
      cacheWrite = plus(cacheWrite, t.cacheWrite());
      reasoning = plus(reasoning, t.reasoning());
    }
  }

  static Long plus(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return Long.valueOf(a + b);
  }

  /** Accumulates a batch: {@link #add} each stored span with its id, then {@link #merge}. */
  static final class Batch {
    private final Map<String, Delta> deltas = new LinkedHashMap<>();

    void add(long id, long projectId, Span span) {
      deltas.computeIfAbsent(projectId + "/" + span.traceId(), k -> new Delta(projectId, span.traceId())).add(id, span);
    }

    void merge(DuckDBConnection writer) throws SQLException {
      if (deltas.isEmpty()) {
        return;
      }
      try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trace_deltas")) {
        for (Delta d : deltas.values()) {
          a.beginRow();
          a.append(d.projectId);
          a.append(d.traceId);
          number(a, d.rootId);
          number(a, d.rootStart);
          number(a, d.rootLatency);
          if (d.sessionId == null) {
            a.appendNull();
          } else {
            a.append(d.sessionId);
          }
          a.append(d.start);
          a.append(d.end);
          a.append(d.spans);
          a.append(d.errors);
          number(a, d.prompt);
          number(a, d.completion);
          number(a, d.total);
          number(a, d.cacheRead);
          number(a, d.cacheWrite);
          number(a, d.reasoning);
          a.endRow();
        }
      }
      try (Statement st = writer.createStatement()) {
        st.execute(UPSERT);
        st.execute("DELETE FROM trace_deltas");
      }
    }
  }

  private static final String UPSERT = "INSERT INTO traces SELECT * FROM trace_deltas"
      + " ON CONFLICT (project_id, trace_id) DO UPDATE SET"
      + " root_id = coalesce(traces.root_id, excluded.root_id),"
      + " root_start_ns = CASE WHEN traces.root_id IS NULL THEN excluded.root_start_ns ELSE traces.root_start_ns END,"
      + " root_latency_ns = CASE WHEN traces.root_id IS NULL THEN excluded.root_latency_ns"
      + " ELSE traces.root_latency_ns END,"
      + " session_id = coalesce(traces.session_id, excluded.session_id),"
      + " start_ns = least(traces.start_ns, excluded.start_ns), end_ns = greatest(traces.end_ns, excluded.end_ns),"
      + " span_count = traces.span_count + excluded.span_count,"
      + " error_count = traces.error_count + excluded.error_count,"
      + sum("prompt_tokens") + "," + sum("completion_tokens") + "," + sum("total_tokens") + ","
      + sum("cache_read_tokens") + "," + sum("cache_write_tokens") + "," + sum("reasoning_tokens");

  private static String sum(String column) {
    return " " + column + " = coalesce(traces." + column + " + excluded." + column + ", traces." + column
        + ", excluded." + column + ")";
  }

  private static void number(DuckDBAppender a, Long value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value.longValue());
    }
  }

  /** Recomputes the rows of these traces from their remaining spans (none left: no row). */
  static void rebuild(Connection c, List<String> traceIds) throws SQLException {
    for (String traceId : traceIds) {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM traces WHERE trace_id = ?")) {
        delete.setString(1, traceId);
        delete.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO traces SELECT project_id, trace_id,"
          + " min(CASE WHEN parent_span_id IS NULL THEN id END),"
          + " arg_min(CASE WHEN parent_span_id IS NULL THEN start_time_ns END, CASE WHEN parent_span_id IS NULL"
          + " THEN id END),"
          + " arg_min(CASE WHEN parent_span_id IS NULL THEN end_time_ns - start_time_ns END,"
          + " CASE WHEN parent_span_id IS NULL THEN id END),"
          + " arg_min(session_id, CASE WHEN session_id IS NOT NULL THEN id END),"
          + " min(start_time_ns), max(end_time_ns), count(*), count(*) FILTER (WHERE status_code = 'ERROR'),"
          + " sum(prompt_tokens), sum(completion_tokens), sum(total_tokens), sum(cache_read_tokens),"
          + " sum(cache_write_tokens), sum(reasoning_tokens)"
          + " FROM spans WHERE trace_id = ? GROUP BY project_id, trace_id")) {
        insert.setString(1, traceId);
        insert.executeUpdate();
      }
    }
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@code traces} table, one row of totals per trace, in step with the spans, inside the writer's
 * transaction: a batch's totals per trace ({@link Batch}) are added to the table with one upsert
 * ({@link #UPSERT}: sums added, first root and first session kept), so arrival order does not matter. The
 * cost is the sum of the priced spans' costs, with a count of spans that have tokens but no price. A
 * deletion rebuilds the rows of the traces it touched from their remaining spans.
 */
public final class TraceTotals {
  /** The {@code traces} columns in table order, as {@link Batch#rows()} gives their values. */
  public static final List<String> COLUMNS = List.of("project_id", "trace_id", "root_id", "root_start_ns",
      "root_latency_ns", "session_id", "start_ns", "end_ns", "span_count", "error_count", "prompt_tokens",
      "completion_tokens", "total_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
      "cost", "unpriced_count");

  /** A span that reported token counts but has no cost: no price matched its model. */
  /** A span that reported a token count that has a price ({@code TokenCounts#hasPriceableCounts}). */
  public static final String PRICEABLE = "coalesce(prompt_tokens, completion_tokens, cache_read_tokens,"
      + " cache_write_tokens, reasoning_tokens, prompt_audio_tokens, completion_audio_tokens) IS NOT NULL";

  public static final String UNPRICED = "cost_total IS NULL AND " + PRICEABLE;

  /** The cost columns of a trace row computed from its spans, in {@link #COLUMNS} order. */
  public static final String COST_FROM_SPANS = "sum(cost_total), count(*) FILTER (WHERE " + UNPRICED + ")";

  /** Follows an {@code INSERT INTO traces …} of new totals: adds them to the rows already there. */
  public static final String UPSERT = " ON CONFLICT (project_id, trace_id) DO UPDATE SET"
      + " root_id = coalesce(traces.root_id, excluded.root_id),"
      + " root_start_ns = CASE WHEN traces.root_id IS NULL THEN excluded.root_start_ns ELSE traces.root_start_ns END,"
      + " root_latency_ns = CASE WHEN traces.root_id IS NULL THEN excluded.root_latency_ns"
      + " ELSE traces.root_latency_ns END,"
      + " session_id = coalesce(traces.session_id, excluded.session_id),"
      + " start_ns = least(traces.start_ns, excluded.start_ns), end_ns = greatest(traces.end_ns, excluded.end_ns),"
      + " span_count = traces.span_count + excluded.span_count,"
      + " error_count = traces.error_count + excluded.error_count,"
      + sum("prompt_tokens") + "," + sum("completion_tokens") + "," + sum("total_tokens") + ","
      + sum("cache_read_tokens") + "," + sum("cache_write_tokens") + "," + sum("reasoning_tokens") + ","
      + sum("cost") + ", unpriced_count = traces.unpriced_count + excluded.unpriced_count";

  private TraceTotals() {}

  private static String sum(String column) {
    return " " + column + " = coalesce(traces." + column + " + excluded." + column + ", traces." + column
        + ", excluded." + column + ")";
  }

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
    TokenCounts tokens = TokenCounts.NONE;
    Double cost;
    long unpriced;

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
      tokens = plus(tokens, s.llm().tokens());
      if (s.cost().isPriced()) {
        cost = cost == null ? s.cost().total() : cost + s.cost().total();
      } else if (s.llm().tokens().hasPriceableCounts()) {
        unpriced++;
      }
    }

    Object[] row() {
      return new Object[] {projectId, traceId, rootId, rootStart, rootLatency, sessionId, start, end, spans, errors,
          tokens.prompt(), tokens.completion(), tokens.total(), tokens.cacheRead(), tokens.cacheWrite(),
          tokens.reasoning(), cost, unpriced};
    }
  }

  /** Accumulates a batch: {@link #add} each stored span with its id, then write {@link #rows()}. */
  public static final class Batch {
    private final Map<String, Delta> deltas = new LinkedHashMap<>();

    public void add(long id, long projectId, Span span) {
      deltas.computeIfAbsent(projectId + "/" + span.traceId(), k -> new Delta(projectId, span.traceId())).add(id, span);
    }

    /**
     * One row of values per trace, in {@link #COLUMNS} order (null where a value is missing), sorted by
     * project and trace id so that concurrent writers lock rows in the same order.
     */
    public List<Object[]> rows() {
      List<Delta> sorted = new ArrayList<>(deltas.values());
      sorted.sort(Comparator.comparingLong((Delta d) -> d.projectId).thenComparing(d -> d.traceId));
      return sorted.stream().map(Delta::row).toList();
    }
  }

  /** Adds token counts, a missing count counting as nothing (both missing: still missing). */
  static TokenCounts plus(TokenCounts a, TokenCounts b) {
    return new TokenCounts(plus(a.prompt(), b.prompt()), plus(a.completion(), b.completion()),
        plus(a.total(), b.total()), plus(a.cacheRead(), b.cacheRead()), plus(a.cacheWrite(), b.cacheWrite()),
        plus(a.reasoning(), b.reasoning()));
  }

  private static Long plus(Long a, Long b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return Long.valueOf(a + b);
  }

  /** Recomputes the rows of these traces from their remaining spans (none left: no row). */
  static void rebuild(Connection c, SqlDialect dialect, List<String> traceIds) throws SQLException {
    for (String traceId : traceIds) {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM traces WHERE trace_id = ?")) {
        delete.setString(1, traceId);
        delete.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO traces (" + String.join(", ", COLUMNS) + ") "
          + dialect.traceRowFromSpans())) {
        insert.setString(1, traceId);
        insert.executeUpdate();
      }
    }
  }
}

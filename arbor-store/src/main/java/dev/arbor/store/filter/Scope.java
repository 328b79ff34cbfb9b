package dev.arbor.store.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a filter selects, and so which names it may use: spans, or traces (for the trace list, where token
 * counts are totals, {@code span_count} and {@code error_count} exist, and the other names read the root span).
 */
public enum Scope {
  SPAN, TRACE;

  private static final Map<String, Field> SPAN_NAMES = spanNames();
  private static final Map<String, Field> TRACE_NAMES = traceNames();

  /** The names this scope knows, each to its field; several names may mean one field. */
  public Map<String, Field> names() {
    return this == SPAN ? SPAN_NAMES : TRACE_NAMES;
  }

  private static Map<String, Field> common() {
    Map<String, Field> m = new LinkedHashMap<>();
    m.put("trace_id", Field.TRACE_ID);
    m.put("name", Field.NAME);
    m.put("span_kind", Field.SPAN_KIND);
    m.put("openinference.span.kind", Field.SPAN_KIND);
    m.put("status_code", Field.STATUS_CODE);
    m.put("status_message", Field.STATUS_MESSAGE);
    m.put("latency_ms", Field.LATENCY_MS);
    m.put("start_time", Field.START_TIME);
    m.put("end_time", Field.END_TIME);
    m.put("llm.token_count.prompt", Field.PROMPT_TOKENS);
    m.put("llm.token_count.completion", Field.COMPLETION_TOKENS);
    m.put("llm.token_count.total", Field.TOTAL_TOKENS);
    m.put("llm.token_count.prompt_details.cache_read", Field.CACHE_READ_TOKENS);
    m.put("llm.token_count.prompt_details.cache_write", Field.CACHE_WRITE_TOKENS);
    m.put("llm.token_count.completion_details.reasoning", Field.REASONING_TOKENS);
    m.put("prompt_tokens", Field.PROMPT_TOKENS);
    m.put("completion_tokens", Field.COMPLETION_TOKENS);
    m.put("total_tokens", Field.TOTAL_TOKENS);
    m.put("cost", Field.COST);
    m.put("total_cost", Field.COST);
    m.put("llm.cost.total", Field.COST);
    m.put("input.value", Field.INPUT_VALUE);
    m.put("input.mime_type", Field.INPUT_MIME_TYPE);
    m.put("output.value", Field.OUTPUT_VALUE);
    m.put("output.mime_type", Field.OUTPUT_MIME_TYPE);
    m.put("session.id", Field.SESSION_ID);
    m.put("user.id", Field.USER_ID);
    m.put("tag.tags", Field.TAGS);
    m.put("tags", Field.TAGS);
    return m;
  }

  private static Map<String, Field> spanNames() {
    Map<String, Field> m = common();
    m.put("span_id", Field.SPAN_ID);
    m.put("parent_id", Field.PARENT_ID);
    m.put("llm.model_name", Field.MODEL_NAME);
    m.put("llm.provider", Field.PROVIDER);
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, Field> traceNames() {
    Map<String, Field> m = common();
    m.put("span_count", Field.SPAN_COUNT);
    m.put("error_count", Field.ERROR_COUNT);
    return Collections.unmodifiableMap(m);
  }
}

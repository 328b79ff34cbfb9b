package dev.arbor.store.filter;

/**
 * The named values a filter can read besides attributes, metadata and annotations. In the trace scope the
 * token counts and the cost are sums over the trace's spans and the other span fields are those of its root span.
 */
public enum Field {
  SPAN_ID(ValueType.TEXT),
  TRACE_ID(ValueType.TEXT),
  PARENT_ID(ValueType.TEXT),
  NAME(ValueType.TEXT),
  SPAN_KIND(ValueType.TEXT),
  STATUS_CODE(ValueType.TEXT),
  STATUS_MESSAGE(ValueType.TEXT),
  LATENCY_MS(ValueType.NUMBER),
  START_TIME(ValueType.TIME),
  END_TIME(ValueType.TIME),
  MODEL_NAME(ValueType.TEXT),
  PROVIDER(ValueType.TEXT),
  PROMPT_TOKENS(ValueType.NUMBER),
  COMPLETION_TOKENS(ValueType.NUMBER),
  TOTAL_TOKENS(ValueType.NUMBER),
  CACHE_READ_TOKENS(ValueType.NUMBER),
  CACHE_WRITE_TOKENS(ValueType.NUMBER),
  REASONING_TOKENS(ValueType.NUMBER),
  /** What the call cost in US dollars (trace scope: the sum over its priced spans); null when not priced. */
  COST(ValueType.NUMBER),
  INPUT_VALUE(ValueType.TEXT),
  INPUT_MIME_TYPE(ValueType.TEXT),
  OUTPUT_VALUE(ValueType.TEXT),
  OUTPUT_MIME_TYPE(ValueType.TEXT),
  SESSION_ID(ValueType.TEXT),
  USER_ID(ValueType.TEXT),
  TAGS(ValueType.LIST),
  /** Trace scope: how many spans the trace has. */
  SPAN_COUNT(ValueType.NUMBER),
  /** Trace scope: how many of its spans have status ERROR. */
  ERROR_COUNT(ValueType.NUMBER);

  private final ValueType type;

  Field(ValueType type) {
    this.type = type;
  }

  public ValueType type() {
    return type;
  }
}

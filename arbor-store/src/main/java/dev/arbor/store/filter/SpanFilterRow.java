package dev.arbor.store.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import java.util.List;
import java.util.Map;

/**
 * A span as the reference evaluator reads it; in the trace scope, a trace's root span with the trace's
 * totals in place of its own token counts.
 */
public final class SpanFilterRow implements FilterRow {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Span span;
  private final Map<Field, Object> rollups;
  private final boolean trace;
  private final Map<String, AnnotationValue> annotations;

  private SpanFilterRow(Span span, boolean trace, Map<Field, Object> rollups,
      Map<String, AnnotationValue> annotations) {
    this.span = span;
    this.trace = trace;
    this.rollups = rollups;
    this.annotations = annotations;
  }

  /** A span with its latest annotation per name. */
  public static SpanFilterRow of(Span span, Map<String, AnnotationValue> annotations) {
    return new SpanFilterRow(span, false, Map.of(), annotations);
  }

  /**
   * A trace: its root span, the trace's roll-ups by field ({@link Field#SPAN_COUNT}, {@link Field#ERROR_COUNT}
   * token totals and cost; a missing total is null) and the latest trace annotation per name.
   */
  public static SpanFilterRow trace(Span root, Map<Field, Object> rollups, Map<String, AnnotationValue> annotations) {
    return new SpanFilterRow(root, true, new java.util.HashMap<>(rollups), annotations);
  }

  @Override
  public Object field(Field field) {
    if (trace && isRollup(field)) {
      return rollups.get(field);
    }
    LlmFields llm = span.llm();
    return switch (field) {
      case SPAN_ID -> span.spanId();
      case TRACE_ID -> span.traceId();
      case PARENT_ID -> span.parentSpanId();
      case NAME -> span.name();
      case SPAN_KIND -> llm.spanKind().name();
      case STATUS_CODE -> span.statusCode().name();
      case STATUS_MESSAGE -> span.statusMessage();
      case LATENCY_MS -> (double) (span.endTimeUnixNano() - span.startTimeUnixNano()) / 1_000_000d;
      case START_TIME -> span.startTimeUnixNano();
      case END_TIME -> span.endTimeUnixNano();
      case MODEL_NAME -> llm.modelName();
      case PROVIDER -> llm.provider();
      case PROMPT_TOKENS -> llm.tokens().prompt();
      case COMPLETION_TOKENS -> llm.tokens().completion();
      case TOTAL_TOKENS -> llm.tokens().total();
      case CACHE_READ_TOKENS -> llm.tokens().cacheRead();
      case CACHE_WRITE_TOKENS -> llm.tokens().cacheWrite();
      case REASONING_TOKENS -> llm.tokens().reasoning();
      case COST -> span.cost().total();
      case INPUT_VALUE -> llm.inputValue();
      case INPUT_MIME_TYPE -> llm.inputMimeType();
      case OUTPUT_VALUE -> llm.outputValue();
      case OUTPUT_MIME_TYPE -> llm.outputMimeType();
      case SESSION_ID -> llm.sessionId();
      case USER_ID -> llm.userId();
      case TAGS -> llm.tags().isEmpty() ? null : llm.tags();
      case SPAN_COUNT, ERROR_COUNT -> null;
    };
  }

  private static boolean isRollup(Field field) {
    return switch (field) {
      case SPAN_COUNT, ERROR_COUNT, PROMPT_TOKENS, COMPLETION_TOKENS, TOTAL_TOKENS, CACHE_READ_TOKENS,
           CACHE_WRITE_TOKENS, REASONING_TOKENS, COST -> true;
      default -> false;
    };
  }

  @Override
  public Object json(Expr.JsonSource source, List<String> path) {
    Object at = source == Expr.JsonSource.ATTRIBUTES ? span.attributes() : metadata();
    for (String key : path) {
      if (!(at instanceof Map<?, ?> map)) {
        return null;
      }
      at = map.get(key);
    }
    return at;
  }

  private Object metadata() {
    String text = span.llm().metadata();
    if (text == null) {
      return null;
    }
    try {
      return JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public AnnotationValue annotation(String name) {
    return annotations.get(name);
  }
}

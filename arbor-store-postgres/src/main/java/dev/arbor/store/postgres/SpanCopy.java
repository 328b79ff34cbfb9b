package dev.arbor.store.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.jdbc.SpanColumns;
import dev.arbor.store.jdbc.SpanFieldJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A span as one line of PostgreSQL's COPY text format, in the order of {@link #COLUMNS} (every column of
 * {@code spans} but the id, which the table assigns). PostgreSQL text cannot hold the character U+0000, so
 * it is stored as U+FFFD. Attributes go into a JSONB column, which keeps numbers as decimals: decimals are
 * written with a point and no exponent so that they read back as decimals, and a non-finite decimal
 * (NaN, ±Infinity), which JSON cannot hold, is stored as its name in text. Public only so that the ingest
 * benchmark's raw-COPY baseline writes exactly the rows the store writes.
 */
public final class SpanCopy {
  public static final String COLUMNS = "project_id, trace_id, span_id, parent_span_id, trace_state, name, otel_kind,"
      + " span_kind, start_time_ns, end_time_ns, status_code, status_message, model_name, provider, prompt_tokens,"
      + " completion_tokens, total_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, input_value,"
      + " input_mime_type, output_value, output_mime_type, input_messages, output_messages, documents, session_id,"
      + " user_id, metadata, tags, invocation_parameters, attributes, lifted_keys, events, links, resource, scope_name,"
      + " scope_version, cost_input, cost_output, cost_cache_read, cost_cache_write, cost_reasoning, cost_total,"
      + " prompt_audio_tokens, completion_audio_tokens, cost_audio";

  private static final ObjectMapper ATTRIBUTES = JsonMapper.builder()
      .addModule(new SimpleModule().addSerializer(Double.class, new DecimalSerializer())
          .addSerializer(String.class, new TextSerializer()))
      .build();

  private SpanCopy() {}

  /** Appends the COPY line of {@code span} in project {@code projectId}, ending with a newline. */
  public static void append(StringBuilder out, long projectId, Span s) {
    LlmFields llm = s.llm();
    TokenCounts t = llm.tokens();
    SpanColumns.Lifted lifted = SpanColumns.Lifted.of(s.attributes(), llm);
    out.append(projectId);
    text(out, s.traceId());
    text(out, s.spanId());
    text(out, s.parentSpanId());
    text(out, s.traceState());
    text(out, s.name());
    text(out, s.kind().name());
    text(out, llm.spanKind().name());
    out.append('\t').append(s.startTimeUnixNano());
    out.append('\t').append(s.endTimeUnixNano());
    text(out, s.statusCode().name());
    text(out, s.statusMessage());
    text(out, llm.modelName());
    text(out, llm.provider());
    number(out, t.prompt());
    number(out, t.completion());
    number(out, t.total());
    number(out, t.cacheRead());
    number(out, t.cacheWrite());
    number(out, t.reasoning());
    text(out, llm.inputValue());
    text(out, llm.inputMimeType());
    text(out, llm.outputValue());
    text(out, llm.outputMimeType());
    text(out, SpanFieldJson.messages(llm.inputMessages()));
    text(out, SpanFieldJson.messages(llm.outputMessages()));
    text(out, SpanFieldJson.documents(llm.documents()));
    text(out, llm.sessionId());
    text(out, llm.userId());
    text(out, llm.metadata());
    text(out, SpanFieldJson.tags(llm.tags()));
    text(out, llm.invocationParameters());
    text(out, attributesJson(lifted.rest()));
    text(out, lifted.keys());
    text(out, SpanFieldJson.events(s.events()));
    text(out, SpanFieldJson.links(s.links()));
    text(out, SpanFieldJson.write(s.resource()));
    text(out, s.scopeName());
    text(out, s.scopeVersion());
    SpanCost cost = s.cost();
    decimal(out, cost.input());
    decimal(out, cost.output());
    decimal(out, cost.cacheRead());
    decimal(out, cost.cacheWrite());
    decimal(out, cost.reasoning());
    decimal(out, cost.total());
    number(out, t.promptAudio());
    number(out, t.completionAudio());
    decimal(out, cost.audio());
    out.append('\n');
  }

  static String attributesJson(Map<String, Object> attributes) {
    try {
      return ATTRIBUTES.writeValueAsString(attributes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write attributes as JSON", e);
    }
  }

  private static void decimal(StringBuilder out, Double value) {
    out.append('\t');
    if (value == null) {
      out.append("\\N");
    } else {
      out.append(value.doubleValue());
    }
  }

  private static void number(StringBuilder out, Long value) {
    out.append('\t');
    if (value == null) {
      out.append("\\N");
    } else {
      out.append(value.longValue());
    }
  }

  /** A tab, then the value escaped for COPY's text format ({@code \N} for null). */
  private static void text(StringBuilder out, String value) {
    out.append('\t');
    if (value == null) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\u0000' -> out.append('\uFFFD');
        default -> out.append(c);
      }
    }
  }

  /** Finite decimals in plain notation with a point; NaN and infinities as text. */
  private static final class DecimalSerializer extends StdSerializer<Double> {
    DecimalSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (value.isNaN() || value.isInfinite()) {
        gen.writeString(value.toString());
        return;
      }
      String plain = BigDecimal.valueOf(value).toPlainString();
      gen.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
  }

  /** Text without U+0000, which JSONB refuses. */
  private static final class TextSerializer extends StdSerializer<String> {
    TextSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.replace('\u0000', '\uFFFD'));
    }
  }
}

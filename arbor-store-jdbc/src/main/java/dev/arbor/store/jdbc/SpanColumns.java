package dev.arbor.store.jdbc;

import dev.arbor.model.LlmFields;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a {@code spans} row, which every SQL store lays out alike: a span is read back from a
 * result set of {@link #COLUMNS}; each store writes them its own way (DuckDB's Appender, PostgreSQL's COPY).
 */
public final class SpanColumns {
  /** The columns read back, in the order {@link #read} expects. */
  public static final String COLUMNS = "id, trace_id, span_id, parent_span_id, trace_state, name, otel_kind,"
      + " span_kind, start_time_ns, end_time_ns, status_code, status_message, model_name, provider, prompt_tokens,"
      + " completion_tokens, total_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, input_value,"
      + " input_mime_type, output_value, output_mime_type, input_messages, output_messages, documents, session_id,"
      + " user_id, metadata, tags, invocation_parameters, attributes, lifted_keys, events, links, resource, scope_name,"
      + " scope_version, cost_input, cost_output, cost_cache_read, cost_cache_write, cost_reasoning, cost_total,"
      + " prompt_audio_tokens, completion_audio_tokens, cost_audio";

  private SpanColumns() {}

  /**
   * The input and output texts are usually the largest values of a span and are also kept in their own
   * columns; when an attribute holds exactly that text it is stored once, in the column, and put back on read.
   */
  public record Lifted(Map<String, Object> rest, String keys) {
    static final String INPUT = "input.value";
    static final String OUTPUT = "output.value";

    public static Lifted of(Map<String, Object> attributes, LlmFields llm) {
      boolean input = llm.inputValue() != null && llm.inputValue().equals(attributes.get(INPUT));
      boolean output = llm.outputValue() != null && llm.outputValue().equals(attributes.get(OUTPUT));
      if (!input && !output) {
        return new Lifted(attributes, null);
      }
      Map<String, Object> rest = new LinkedHashMap<>(attributes);
      if (input) {
        rest.remove(INPUT);
      }
      if (output) {
        rest.remove(OUTPUT);
      }
      return new Lifted(rest, input && output ? INPUT + "," + OUTPUT : input ? INPUT : OUTPUT);
    }

    static Map<String, Object> restore(Map<String, Object> rest, String keys, LlmFields llm) {
      if (keys == null) {
        return rest;
      }
      Map<String, Object> attributes = new LinkedHashMap<>(rest);
      for (String key : keys.split(",")) {
        attributes.put(key, key.equals(INPUT) ? llm.inputValue() : llm.outputValue());
      }
      return attributes;
    }
  }

  /** The span of the current row of a result set selecting {@link #COLUMNS}, in {@code project}. */
  static Span read(ResultSet rs, String project) throws SQLException {
    LlmFields llm = new LlmFields(
        SpanKind.valueOf(rs.getString("span_kind")),
        rs.getString("model_name"),
        rs.getString("provider"),
        new TokenCounts(longOrNull(rs, "prompt_tokens"), longOrNull(rs, "completion_tokens"),
            longOrNull(rs, "total_tokens"), longOrNull(rs, "cache_read_tokens"),
            longOrNull(rs, "cache_write_tokens"), longOrNull(rs, "reasoning_tokens"),
            longOrNull(rs, "prompt_audio_tokens"), longOrNull(rs, "completion_audio_tokens")),
        rs.getString("input_value"),
        rs.getString("input_mime_type"),
        rs.getString("output_value"),
        rs.getString("output_mime_type"),
        SpanFieldJson.messages(rs.getString("input_messages")),
        SpanFieldJson.messages(rs.getString("output_messages")),
        SpanFieldJson.documents(rs.getString("documents")),
        rs.getString("session_id"),
        rs.getString("user_id"),
        rs.getString("metadata"),
        SpanFieldJson.tags(rs.getString("tags")),
        rs.getString("invocation_parameters"));
    return Span.builder()
        .project(project)
        .traceId(rs.getString("trace_id"))
        .spanId(rs.getString("span_id"))
        .parentSpanId(rs.getString("parent_span_id"))
        .traceState(rs.getString("trace_state"))
        .name(rs.getString("name"))
        .kind(OtelKind.valueOf(rs.getString("otel_kind")))
        .startTimeUnixNano(rs.getLong("start_time_ns"))
        .endTimeUnixNano(rs.getLong("end_time_ns"))
        .statusCode(StatusCode.valueOf(rs.getString("status_code")))
        .statusMessage(rs.getString("status_message"))
        .attributes(Lifted.restore(SpanFieldJson.readMap(rs.getString("attributes")), rs.getString("lifted_keys"),
            llm))
        .events(SpanFieldJson.events(rs.getString("events")))
        .links(SpanFieldJson.links(rs.getString("links")))
        .resource(SpanFieldJson.readMap(rs.getString("resource")))
        .scopeName(rs.getString("scope_name"))
        .scopeVersion(rs.getString("scope_version"))
        .llm(llm)
        .cost(new SpanCost(doubleOrNull(rs, "cost_input"), doubleOrNull(rs, "cost_output"),
            doubleOrNull(rs, "cost_cache_read"), doubleOrNull(rs, "cost_cache_write"),
            doubleOrNull(rs, "cost_reasoning"), doubleOrNull(rs, "cost_audio"), doubleOrNull(rs, "cost_total")))
        .build();
  }

  static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}

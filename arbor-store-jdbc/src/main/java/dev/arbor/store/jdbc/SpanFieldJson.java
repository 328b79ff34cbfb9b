package dev.arbor.store.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.arbor.model.Document;
import dev.arbor.model.Message;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanLink;
import dev.arbor.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text of a span's structured columns (attributes, events, links, messages, documents, tags),
 * written in plain maps and lists so that SQL can read it with JSON functions, and read back into the
 * model with value types kept (whole numbers as longs, decimals as doubles).
 */
public final class SpanFieldJson {
  /** Reads back whatever it wrote: no length limits beyond the server's own, NaN and infinities kept. */
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
          .build())
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private SpanFieldJson() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write span field as JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> readMap(String json) {
    return json == null ? Map.of() : (Map<String, Object>) read(json);
  }

  @SuppressWarnings("unchecked")
  public static List<Object> readList(String json) {
    return json == null ? List.of() : (List<Object>) read(json);
  }

  private static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored span field is not valid JSON", e);
    }
  }

  public static String events(List<SpanEvent> events) {
    List<Map<String, Object>> rows = new ArrayList<>(events.size());
    for (SpanEvent e : events) {
      rows.add(ordered("name", e.name(), "time_unix_nano", e.timeUnixNano(), "attributes", e.attributes()));
    }
    return write(rows);
  }

  @SuppressWarnings("unchecked")
  public static List<SpanEvent> events(String json) {
    List<SpanEvent> events = new ArrayList<>();
    for (Object o : readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      events.add(SpanEvent.of((String) m.get("name"), ((Number) m.get("time_unix_nano")).longValue(),
          (Map<String, Object>) m.get("attributes")));
    }
    return events;
  }

  public static String links(List<SpanLink> links) {
    List<Map<String, Object>> rows = new ArrayList<>(links.size());
    for (SpanLink l : links) {
      rows.add(ordered("trace_id", l.traceId(), "span_id", l.spanId(), "trace_state", l.traceState(),
          "attributes", l.attributes()));
    }
    return write(rows);
  }

  @SuppressWarnings("unchecked")
  public static List<SpanLink> links(String json) {
    List<SpanLink> links = new ArrayList<>();
    for (Object o : readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      links.add(SpanLink.of((String) m.get("trace_id"), (String) m.get("span_id"), (String) m.get("trace_state"),
          (Map<String, Object>) m.get("attributes")));
    }
    return links;
  }

  public static String messages(List<Message> messages) {
    if (messages.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> rows = new ArrayList<>(messages.size());
    for (Message m : messages) {
      List<Map<String, Object>> calls = new ArrayList<>();
      for (ToolCall c : m.toolCalls()) {
        calls.add(ordered("id", c.id(), "name", c.name(), "arguments", c.arguments()));
      }
      Map<String, Object> row = ordered("role", m.role(), "content", m.content(), "name", m.name(),
          "tool_call_id", m.toolCallId());
      row.put("tool_calls", calls);
      rows.add(row);
    }
    return write(rows);
  }

  @SuppressWarnings("unchecked")
  public static List<Message> messages(String json) {
    List<Message> messages = new ArrayList<>();
    for (Object o : readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      List<ToolCall> calls = new ArrayList<>();
      for (Object c : (List<Object>) m.getOrDefault("tool_calls", List.of())) {
        Map<String, Object> call = (Map<String, Object>) c;
        calls.add(ToolCall.of((String) call.get("id"), (String) call.get("name"), (String) call.get("arguments")));
      }
      messages.add(new Message((String) m.get("role"), (String) m.get("content"), (String) m.get("name"),
          (String) m.get("tool_call_id"), calls));
    }
    return messages;
  }

  public static String documents(List<Document> documents) {
    if (documents.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> rows = new ArrayList<>(documents.size());
    for (Document d : documents) {
      rows.add(ordered("id", d.id(), "content", d.content(), "score", d.score(), "metadata", d.metadata()));
    }
    return write(rows);
  }

  @SuppressWarnings("unchecked")
  public static List<Document> documents(String json) {
    List<Document> documents = new ArrayList<>();
    for (Object o : readList(json)) {
      Map<String, Object> m = (Map<String, Object>) o;
      Object score = m.get("score");
      documents.add(Document.of((String) m.get("id"), (String) m.get("content"),
          score == null ? null : ((Number) score).doubleValue(), (String) m.get("metadata")));
    }
    return documents;
  }

  public static String tags(List<String> tags) {
    return tags.isEmpty() ? null : write(tags);
  }

  public static List<String> tags(String json) {
    return readList(json).stream().map(Object::toString).toList();
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}

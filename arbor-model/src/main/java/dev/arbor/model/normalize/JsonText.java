package dev.arbor.model.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses the JSON-valued attributes of the GenAI and Langfuse conventions, forgiving bad JSON. */
final class JsonText {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonText() {}

  /** The parsed JSON at {@code key}, or {@code null} when absent or not JSON. */
  static JsonNode parse(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    if (!(value instanceof String text) || text.isBlank()) {
      return null;
    }
    char first = text.strip().charAt(0);
    if (first != '{' && first != '[') {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  /** A node's text: strings as they are, anything else as compact JSON; {@code null} for missing nodes. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  /** The value at {@code key} as JSON text: strings as given, maps and lists serialised. */
  static String jsonOf(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (Exception e) {
      return null;
    }
  }

  static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(v -> result.add(v.toString()));
    } else if (value instanceof String s) {
      JsonNode node = parse(Map.of("v", s), "v");
      if (node != null && node.isArray()) {
        node.forEach(n -> result.add(n.asText()));
      } else if (!s.isBlank()) {
        for (String part : s.split(",")) {
          if (!part.isBlank()) result.add(part.strip());
        }
      }
    }
    return result;
  }
}

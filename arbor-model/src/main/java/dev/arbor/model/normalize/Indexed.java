package dev.arbor.model.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads OpenInference's flattened lists, such as {@code llm.input_messages.0.message.role}, back into one
 * map per element ({@code {message.role=…}}), ordered by index. A list attribute whose elements are
 * key-value lists (the unflattened form some exporters send) is read the same way.
 */
final class Indexed {
  private Indexed() {}

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> elements(Map<String, Object> attributes, String prefix) {
    Object whole = attributes.get(prefix);
    if (whole instanceof List<?> list) {
      List<Map<String, Object>> result = new ArrayList<>();
      for (Object element : list) {
        if (element instanceof Map<?, ?> map) {
          result.add(flatten((Map<String, Object>) map));
        }
      }
      return result;
    }
    String dotted = prefix + ".";
    TreeMap<Integer, Map<String, Object>> byIndex = new TreeMap<>();
    for (Map.Entry<String, Object> entry : attributes.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(dotted)) {
        continue;
      }
      int dot = key.indexOf('.', dotted.length());
      if (dot < 0) {
        continue;
      }
      int index;
      try {
        index = Integer.parseInt(key.substring(dotted.length(), dot));
      } catch (NumberFormatException e) {
        continue;
      }
      byIndex.computeIfAbsent(index, i -> new java.util.LinkedHashMap<>()).put(key.substring(dot + 1), entry.getValue());
    }
    return new ArrayList<>(byIndex.values());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> flatten(Map<String, Object> map) {
    Map<String, Object> flat = new java.util.LinkedHashMap<>();
    map.forEach((key, value) -> {
      if (value instanceof Map<?, ?> nested) {
        flatten((Map<String, Object>) nested).forEach((k, v) -> flat.put(key + "." + k, v));
      } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
        for (int i = 0; i < list.size(); i++) {
          Object element = list.get(i);
          if (element instanceof Map<?, ?> m) {
            int index = i;
            flatten((Map<String, Object>) m).forEach((k, v) -> flat.put(key + "." + index + "." + k, v));
          }
        }
      } else {
        flat.put(key, value);
      }
    });
    return flat;
  }
}

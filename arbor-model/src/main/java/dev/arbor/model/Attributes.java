package dev.arbor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute maps as received: insertion-ordered, keys to values that are {@link String}, {@link Boolean},
 * {@link Long}, {@link Double}, an immutable {@link List} of such values, or an immutable
 * {@code Map<String, Object>} (OTLP's key-value lists). Bytes arrive as base64 text.
 */
public final class Attributes {
  private Attributes() {}

  /**
   * An immutable, order-keeping deep copy; {@code null} becomes an empty map. A map this method made is
   * returned as it is: spans are rebuilt at every stage (normalising, pricing, reading), and copying their
   * attributes again each time cost as much as normalising them.
   */
  public static Map<String, Object> copyOf(Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    if (attributes instanceof Frozen) {
      return attributes;
    }
    Map<String, Object> copy = new LinkedHashMap<>(attributes.size() * 2);
    attributes.forEach((key, value) -> {
      if (key != null && value != null) {
        copy.put(key, copyValue(value));
      }
    });
    return new Frozen(copy);
  }

  /** A deep copy made by {@link #copyOf}: read-only, and nothing else holds its map. */
  private static final class Frozen extends java.util.AbstractMap<String, Object> {
    private final Map<String, Object> map;

    Frozen(Map<String, Object> map) {
      this.map = map;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
      map.forEach(action);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object value) {
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object element : list) {
        if (element != null) {
          copy.add(copyValue(element));
        }
      }
      return Collections.unmodifiableList(copy);
    }
    if (value instanceof Map<?, ?> map) {
      return copyOf((Map<String, Object>) map);
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    throw new IllegalArgumentException("unsupported attribute value type: " + value.getClass().getName());
  }

  /** The value at {@code key} as text, or {@code null}; numbers and booleans are turned to text. */
  public static String string(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    if (value == null || value instanceof List || value instanceof Map) {
      return null;
    }
    return value.toString();
  }

  /** The value at {@code key} as a whole number, or {@code null} if absent or not a number. */
  public static Long number(Map<String, Object> attributes, String key) {
    Object value = attributes.get(key);
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Double d) {
      return d.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        try {
          return (long) Double.parseDouble(s.trim());
        } catch (NumberFormatException ignored) {
          return null;
        }
      }
    }
    return null;
  }
}

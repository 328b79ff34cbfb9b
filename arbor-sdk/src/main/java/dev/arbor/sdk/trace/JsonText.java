package dev.arbor.sdk.trace;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers and booleans as JSON text, for the OpenInference attributes that hold JSON
 * ({@code metadata}, {@code llm.invocation_parameters}, {@code document.metadata}). The SDK carries no JSON
 * library, so this is the one place JSON is written; any other value is written as its {@code toString()}.
 */
final class JsonText {
  private JsonText() {}

  /** The last unmodifiable map written, and its JSON. */
  private static volatile Object[] lastConstant = {null, null};

  /**
   * Like {@link #of}, but remembers the last map written when it is one of the JDK's unmodifiable maps
   * ({@code Map.of}, {@code Map.copyOf}), whose JSON cannot change: invocation parameters are usually one constant.
   */
  static String ofConstant(Map<?, ?> map) {
    Object[] last = lastConstant;
    if (last[0] == map) {
      return (String) last[1];
    }
    String json = of(map);
    if (json != null && map.getClass().getName().startsWith("java.util.ImmutableCollections$") && isImmutableTree(map)) {
      lastConstant = new Object[] {map, json};
    }
    return json;
  }

  private static boolean isImmutableTree(Object value) {
    if (value instanceof Map<?, ?> m) {
      if (!m.getClass().getName().startsWith("java.util.ImmutableCollections$")) return false;
      for (Object v : m.values()) {
        if (!isImmutableTree(v)) return false;
      }
      return true;
    }
    if (value instanceof Collection<?> c) {
      if (!c.getClass().getName().startsWith("java.util.ImmutableCollections$")) return false;
      for (Object v : c) {
        if (!isImmutableTree(v)) return false;
      }
      return true;
    }
    // Only the JDK's immutable leaves: a mutable Number (AtomicLong) could change after being written.
    return value == null || value instanceof String || value instanceof Integer || value instanceof Long
        || value instanceof Double || value instanceof Boolean;
  }

  /**
   * {@code value} as JSON text; null when it cannot be written (a map that contains itself, a {@code toString()}
   * that throws), so that instrumentation never throws into the application.
   */
  static String of(Object value) {
    try {
      StringBuilder out = new StringBuilder();
      write(out, value);
      return out.toString();
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte) {
      out.append(value);
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        out.append(value);
      } else {
        out.append("null");
      }
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) out.append(',');
        first = false;
        string(out, String.valueOf(e.getKey()));
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      Iterator<?> it = list.iterator();
      while (it.hasNext()) {
        write(out, it.next());
        if (it.hasNext()) out.append(',');
      }
      out.append(']');
    } else if (value instanceof Object[] array) {
      write(out, java.util.Arrays.asList(array));
    } else {
      string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

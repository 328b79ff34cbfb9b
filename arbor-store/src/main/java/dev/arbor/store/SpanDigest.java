package dev.arbor.store;

import dev.arbor.model.Span;
import dev.arbor.model.TokenCounts;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of a stored span's content, as the audit trail records it at ingest and checks it later: every field
 * of the span except its project (a name, which may change) and its cost (recomputed when a price changes), written
 * in one canonical form (map keys sorted, each value with its type, every text with its length first). What a
 * store cannot keep exactly is written as the store keeps it, so that a span read back gives the digest it was
 * written with: U+0000 as U+FFFD, and non-finite decimals as the texts {@code NaN}, {@code Infinity} (PostgreSQL).
 *
 * <p>Example: {@code SpanDigest.of(span)}: 64 hex digits.
 */
public final class SpanDigest {
  /** Each record type's accessors, looked up once: reflection's own lookup costs more than the hashing. */
  private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method[] computeValue(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[components.length];
      for (int i = 0; i < components.length; i++) {
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
      }
      return accessors;
    }
  };

  /**
   * Components added to a record after spans were first recorded, from this index on: written only when one of them
   * is set, so that every span recorded before keeps its digest (the audio counts of {@link TokenCounts}).
   */
  private static final Map<Class<?>, Integer> ADDED_FROM = Map.of(TokenCounts.class, 6);

  private SpanDigest() {}

  /** How many of a record's components its digest writes: all, but the added ones only when one is set. */
  private static int writtenComponents(Class<?> type, Object[] values) {
    Integer addedFrom = ADDED_FROM.get(type);
    if (addedFrom == null) {
      return values.length;
    }
    for (int i = addedFrom; i < values.length; i++) {
      if (values[i] != null) {
        return values.length;
      }
    }
    return addedFrom;
  }

  public static String of(Span span) {
    Sink out = new Sink();
    out.write(span.traceId());
    out.write(span.spanId());
    out.write(span.parentSpanId());
    out.write(span.traceState());
    out.write(span.name());
    out.write(span.kind());
    out.write(span.startTimeUnixNano());
    out.write(span.endTimeUnixNano());
    out.write(span.statusCode());
    out.write(span.statusMessage());
    out.write(span.attributes());
    out.write(span.events());
    out.write(span.links());
    out.write(span.resource());
    out.write(span.scopeName());
    out.write(span.scopeVersion());
    out.write(span.llm());
    return out.hex();
  }

  /** The SHA-256 of many digests in order: what an audit entry seals for a batch of spans. */
  public static String ofAll(List<String> digests) {
    Sink out = new Sink();
    for (String digest : digests) {
      out.raw(digest);
      out.raw("\n");
    }
    return out.hex();
  }

  /** Writes values in the canonical form straight into SHA-256, through a small buffer. */
  private static final class Sink {
    private final MessageDigest sha;
    private final StringBuilder buffer = new StringBuilder(4096);

    Sink() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
    }

    void raw(CharSequence text) {
      buffer.append(text);
      if (buffer.length() >= 4096) {
        flush();
      }
    }

    private void flush() {
      sha.update(buffer.toString().getBytes(StandardCharsets.UTF_8));
      buffer.setLength(0);
    }

    String hex() {
      flush();
      return HexFormat.of().formatHex(sha.digest());
    }

    void write(Object value) {
      switch (value) {
        case null -> buffer.append('N');
        case String s -> text(s);
        case Double d when d.isNaN() || d.isInfinite() -> text(d.toString());
        case Float f when f.isNaN() || f.isInfinite() -> text(f.toString());
        case Double d -> buffer.append('d').append(d.doubleValue());
        case Float f -> buffer.append('d').append(f.doubleValue());
        case Number n -> buffer.append('i').append(n.longValue());
        case Boolean b -> buffer.append(b ? 'T' : 'F');
        case Enum<?> e -> text(e.name());
        case Map<?, ?> map -> {
          Object[] keys = map.keySet().toArray();
          String[] names = new String[keys.length];
          for (int i = 0; i < keys.length; i++) {
            names[i] = String.valueOf(keys[i]);
          }
          Integer[] order = new Integer[keys.length];
          for (int i = 0; i < order.length; i++) {
            order[i] = i;
          }
          java.util.Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
          buffer.append('{').append(keys.length);
          for (int i : order) {
            text(names[i]);
            buffer.append(';');
            write(map.get(keys[i]));
          }
          buffer.append('}');
        }
        case List<?> list -> {
          buffer.append('[').append(list.size());
          for (Object item : list) {
            write(item);
          }
          buffer.append(']');
        }
        case Record record -> {
          java.lang.reflect.Method[] accessors = ACCESSORS.get(record.getClass());
          Object[] values = new Object[accessors.length];
          for (int i = 0; i < accessors.length; i++) {
            try {
              values[i] = accessors[i].invoke(record);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException("cannot read " + accessors[i], e);
            }
          }
          int written = writtenComponents(record.getClass(), values);
          buffer.append('(').append(written);
          for (int i = 0; i < written; i++) {
            write(values[i]);
          }
          buffer.append(')');
        }
        case byte[] bytes -> text(HexFormat.of().formatHex(bytes));
        default -> text(value.toString());
      }
      buffer.append(';');
      if (buffer.length() >= 4096) {
        flush();
      }
    }

    private void text(String s) {
      buffer.append('s').append(s.length()).append(':');
      if (s.indexOf('\u0000') >= 0) {
        buffer.append(s.replace('\u0000', '\uFFFD'));
      } else {
        buffer.append(s);
      }
    }
  }
}

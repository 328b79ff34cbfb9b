package dev.arbor.store;

import dev.arbor.model.Span;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
  private SpanDigest() {}

  public static String of(Span span) {
    StringBuilder text = new StringBuilder(1024);
    write(text, span.traceId());
    write(text, span.spanId());
    write(text, span.parentSpanId());
    write(text, span.traceState());
    write(text, span.name());
    write(text, span.kind());
    write(text, span.startTimeUnixNano());
    write(text, span.endTimeUnixNano());
    write(text, span.statusCode());
    write(text, span.statusMessage());
    write(text, span.attributes());
    write(text, span.events());
    write(text, span.links());
    write(text, span.resource());
    write(text, span.scopeName());
    write(text, span.scopeVersion());
    write(text, span.llm());
    return sha256(text);
  }

  /** The SHA-256 of many digests in order: what an audit entry seals for a batch of spans. */
  public static String ofAll(List<String> digests) {
    StringBuilder text = new StringBuilder(digests.size() * 65);
    for (String digest : digests) {
      text.append(digest).append('\n');
    }
    return sha256(text);
  }

  private static void write(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append('N');
      case String s -> text(out, s);
      case Double d when d.isNaN() || d.isInfinite() -> text(out, d.toString());
      case Float f when f.isNaN() || f.isInfinite() -> text(out, f.toString());
      case Double d -> out.append('d').append(d);
      case Float f -> out.append('d').append(f.doubleValue());
      case Number n -> out.append('i').append(n.longValue());
      case Boolean b -> out.append(b ? 'T' : 'F');
      case Enum<?> e -> text(out, e.name());
      case Map<?, ?> map -> {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        out.append('{').append(sorted.size());
        sorted.forEach((k, v) -> {
          write(out, k);
          write(out, v);
        });
        out.append('}');
      }
      case List<?> list -> {
        out.append('[').append(list.size());
        list.forEach(item -> write(out, item));
        out.append(']');
      }
      case Record record -> {
        RecordComponent[] components = record.getClass().getRecordComponents();
        out.append('(').append(components.length);
        for (RecordComponent component : components) {
          try {
            write(out, component.getAccessor().invoke(record));
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
          }
        }
        out.append(')');
      }
      case byte[] bytes -> text(out, HexFormat.of().formatHex(bytes));
      default -> text(out, value.toString());
    }
    out.append(';');
  }

  private static void text(StringBuilder out, String s) {
    String kept = s.replace('\u0000', '\uFFFD');
    out.append('s').append(kept.length()).append(':').append(kept);
  }

  private static String sha256(CharSequence text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}

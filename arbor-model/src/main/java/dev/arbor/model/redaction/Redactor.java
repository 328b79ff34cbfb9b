package dev.arbor.model.redaction;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled set of {@link RedactionRule}s. {@link #redact(Span)} returns the span with every match in the
 * selected attributes replaced by {@code [REDACTED:<name>]} and the number of replacements in
 * {@value #COUNT_ATTRIBUTE}; the same instance when nothing matched. Run it on the raw span, before
 * {@code SpanNormalizer}, so that the canonical fields are read from the redacted attributes.
 *
 * <p>Immutable and thread-safe; build a new one when the rules change.
 */
public final class Redactor {
  /** The attribute that counts the replacements made in a span. */
  public static final String COUNT_ATTRIBUTE = "arbor.redaction.count";
  private static final Redactor NONE = new Redactor(List.of());

  /** Attribute keys repeat from span to span: which rules select a key is worked out once per key. */
  private static final int MAX_CACHED_KEYS = 10_000;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private final List<Compiled> rules;
  private final java.util.concurrent.ConcurrentHashMap<String, boolean[]> selected =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Redactor(List<Compiled> rules) {
    this.rules = rules;
  }

  /** For each rule, in order, whether it reads attribute {@code key}. */
  private boolean[] selecting(String key) {
    boolean[] cached = selected.get(key);
    if (cached != null) {
      return cached;
    }
    boolean[] flags = new boolean[rules.size()];
    for (int i = 0; i < flags.length; i++) {
      flags[i] = rules.get(i).selects(key);
    }
    if (selected.size() < MAX_CACHED_KEYS) {
      selected.put(key, flags);
    }
    return flags;
  }

  public static Redactor none() {
    return NONE;
  }

  public static Redactor of(List<RedactionRule> rules) {
    List<Compiled> compiled = new ArrayList<>();
    for (RedactionRule rule : rules) {
      compiled.add(new Compiled(rule));
    }
    // Built-in detectors in their precedence order (a card number before a phone number), custom rules after.
    compiled.sort(Comparator.comparingInt(c -> c.detector == null ? Integer.MAX_VALUE : c.detector.ordinal()));
    return new Redactor(List.copyOf(compiled));
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  public Span redact(Span span) {
    if (span.attributes().containsKey(COUNT_ATTRIBUTE)) {
      // Only Arbor says how much it redacted: a sender's own count is dropped.
      Map<String, Object> attributes = new LinkedHashMap<>(span.attributes());
      attributes.remove(COUNT_ATTRIBUTE);
      span = span.toBuilder().attributes(attributes).build();
    }
    if (rules.isEmpty()) {
      return span;
    }
    boolean[] applies = new boolean[rules.size()];
    boolean any = false;
    for (int i = 0; i < applies.length; i++) {
      Compiled rule = rules.get(i);
      applies[i] = rule.project == null || rule.project.equals(span.project());
      any |= applies[i];
    }
    if (!any) {
      return span;
    }
    Map<String, Object> attributes = null;
    int[] count = {0};
    for (Map.Entry<String, Object> e : span.attributes().entrySet()) {
      Object value = e.getValue();
      Object redacted = redactValue(e.getKey(), value, applies, count);
      if (redacted != value) {
        if (attributes == null) {
          attributes = new LinkedHashMap<>(span.attributes());
        }
        attributes.put(e.getKey(), redacted);
      }
    }
    // Events' attributes are read like the span's, by key: the older GenAI convention puts prompts and completions
    // in events (gen_ai.content.prompt with gen_ai.prompt), which the default attributes cover.
    List<SpanEvent> events = null;
    for (int e = 0; e < span.events().size(); e++) {
      SpanEvent event = span.events().get(e);
      Map<String, Object> eventAttributes = null;
      for (Map.Entry<String, Object> a : event.attributes().entrySet()) {
        Object redacted = redactValue(a.getKey(), a.getValue(), applies, count);
        if (redacted != a.getValue()) {
          if (eventAttributes == null) {
            eventAttributes = new LinkedHashMap<>(event.attributes());
          }
          eventAttributes.put(a.getKey(), redacted);
        }
      }
      if (eventAttributes != null) {
        if (events == null) {
          events = new ArrayList<>(span.events());
        }
        events.set(e, SpanEvent.of(event.name(), event.timeUnixNano(), eventAttributes));
      }
    }
    if (attributes == null && events == null) {
      return span;
    }
    if (attributes == null) {
      attributes = new LinkedHashMap<>(span.attributes());
    }
    attributes.put(COUNT_ATTRIBUTE, (long) count[0]);
    Span.Builder redacted = span.toBuilder().attributes(attributes);
    if (events != null) {
      redacted.events(events);
    }
    return redacted.build();
  }

  /**
   * {@code value} at attribute path {@code path} with the applicable rules that read that path applied: texts
   * directly, lists and maps (OTLP array and key-value list values, such as messages sent as a list of key-value
   * lists) item by item, each under its flattened path ({@code llm.input_messages.0.message.content}). The same
   * instance when nothing changed.
   */
  private Object redactValue(String path, Object value, boolean[] applies, int[] count) {
    if (value instanceof String text) {
      boolean[] selects = selecting(path);
      boolean selected = false;
      for (int i = 0; i < applies.length; i++) {
        selected |= applies[i] && selects[i];
      }
      if (!selected) {
        return text;
      }
      String json = redactJson(path, text, applies, count);
      if (json != null) {
        return json;
      }
      String out = text;
      for (int i = 0; i < applies.length; i++) {
        if (applies[i] && selects[i]) {
          out = rules.get(i).replace(out, count);
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = null;
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        Object redacted = redactValue(path + "." + i, item, applies, count);
        if (redacted != item && out == null) {
          out = new ArrayList<>(list);
        }
        if (out != null) {
          out.set(i, redacted);
        }
      }
      return out == null ? value : java.util.Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = null;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object redacted = redactValue(path + "." + e.getKey(), e.getValue(), applies, count);
        if (redacted != e.getValue()) {
          if (out == null) {
            out = new LinkedHashMap<>(map);
          }
          out.put(e.getKey(), redacted);
        }
      }
      return out == null ? value : java.util.Collections.unmodifiableMap(out);
    }
    return value;
  }

  /**
   * A JSON-valued attribute ({@code gen_ai.input.messages} as text, Langfuse's inputs) redacted in its decoded
   * texts, so that an escape such as {@code \u0040} or .NET's {@code \u002B} cannot hide a match from the rules and
   * then reappear in the canonical fields read from it; written back only when something changed. Null when
   * {@code text} is not a JSON object or array.
   */
  private String redactJson(String path, String text, boolean[] applies, int[] count) {
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    if (first == text.length() || text.charAt(first) != '{' && text.charAt(first) != '[') {
      return null;
    }
    Object parsed;
    try {
      parsed = JSON.readValue(text, Object.class);
    } catch (java.io.IOException notJson) {
      return null;
    }
    Object redacted = redactValue(path, parsed, applies, count);
    if (redacted == parsed) {
      return text;
    }
    try {
      return JSON.writeValueAsString(redacted);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot write redacted JSON", e);
    }
  }

  /** {@code text} as the rules applicable to {@code project} and {@code attribute} leave it, and how many matched. */
  public Preview preview(String text, String project, String attribute) {
    int[] count = {0};
    Object out = text;
    for (Compiled rule : rules) {
      if ((rule.project == null || rule.project.equals(project)) && (attribute == null || rule.selects(attribute))) {
        out = rule.replace((String) out, count);
      }
    }
    return new Preview((String) out, count[0]);
  }

  /** The result of {@link #preview}. */
  public record Preview(String text, int redactions) {}

  private static final class Compiled {
    final Detector detector;
    final Pattern custom;
    final String project;
    final String replacement;
    final List<String[]> selectors = new ArrayList<>();

    Compiled(RedactionRule rule) {
      this.detector = rule.pattern() == null ? Detector.byKind(rule.name()) : null;
      this.custom = rule.pattern() == null ? null : Pattern.compile(rule.pattern());
      this.project = rule.project();
      this.replacement = "[REDACTED:" + rule.name() + "]";
      for (String selector : rule.effectiveAttributes()) {
        selectors.add(selector.split("\\*", -1));
      }
    }

    /** Whether a selector names {@code key} or one of the attributes it lies inside ({@code contacts} for {@code contacts.0}). */
    boolean selects(String key) {
      for (String path = key; ; ) {
        for (String[] parts : selectors) {
          if (glob(parts, path)) {
            return true;
          }
        }
        int dot = path.lastIndexOf('.');
        if (dot <= 0) {
          return false;
        }
        path = path.substring(0, dot);
      }
    }

    /** {@code key} matches the selector split at its {@code *}s. */
    private static boolean glob(String[] parts, String key) {
      if (parts.length == 1) {
        return parts[0].equals(key);
      }
      if (!key.startsWith(parts[0])) {
        return false;
      }
      int at = parts[0].length();
      for (int i = 1; i < parts.length - 1; i++) {
        int found = key.indexOf(parts[i], at);
        if (found < 0) {
          return false;
        }
        at = found + parts[i].length();
      }
      String last = parts[parts.length - 1];
      return key.length() - last.length() >= at && key.endsWith(last);
    }

    /** {@code text} with the accepted matches replaced; the same instance when there were none. */
    String replace(String text, int[] count) {
      int[] windows = detector == null ? new int[] {0, text.length()} : detector.windows(text);
      StringBuilder out = null;
      int copied = 0;
      for (int w = 0; w < windows.length; w += 2) {
        int offset = windows[w];
        String window = text.substring(offset, windows[w + 1]);
        Matcher m = detector == null ? custom.matcher(window) : detector.matcher(window);
        int from = Math.max(0, copied - offset);
        while (from <= window.length() && m.find(from)) {
          int start = m.start() + offset;
          int end = detector == null ? m.end() + offset : detector.accept(text, start, m.end() + offset);
          if (end < 0 || end == start) {
            from = m.start() + 1;
            continue;
          }
          if (out == null) {
            out = new StringBuilder(text.length());
          }
          out.append(text, copied, start).append(replacement);
          copied = end;
          from = end - offset;
          count[0]++;
        }
      }
      if (out == null) {
        return text;
      }
      return out.append(text, copied, text.length()).toString();
    }
  }
}

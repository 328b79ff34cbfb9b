package dev.arbor.sdk.redact;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Applies a {@link Redaction} to each span on its way to {@code delegate}. It runs on the export thread, so the
 * application's threads never pay for the patterns; the spans held in memory until then are never sent as they were.
 */
public final class RedactingSpanExporter implements SpanExporter {
  private final SpanExporter delegate;
  private final Redaction redaction;

  public RedactingSpanExporter(SpanExporter delegate, Redaction redaction) {
    this.delegate = delegate;
    this.redaction = redaction;
  }

  /**
   * Redacts, then exports. A rule that fails (a pattern overflowing the stack on a huge text) fails the batch
   * rather than the export thread: nothing unredacted is sent, and the failure is counted as dropped spans.
   */
  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> redacted = new ArrayList<>(spans.size());
    try {
      for (SpanData span : spans) {
        redacted.add(redact(span));
      }
    } catch (RuntimeException | StackOverflowError e) {
      return CompletableResultCode.ofExceptionalFailure(e instanceof RuntimeException r ? r
          : new IllegalStateException("redaction failed: " + e, e));
    }
    return delegate.export(redacted);
  }

  /** The span as it will leave the process; the same instance when nothing in it is hidden or masked. */
  public SpanData redact(SpanData span) {
    Attributes attributes = attributes(span.getAttributes(), true);
    List<EventData> events = span.getEvents().isEmpty() || redaction.rules.isEmpty() ? span.getEvents()
        : events(span.getEvents());
    StatusData status = span.getStatus();
    String description = status.getDescription();
    String cleaned = description == null || description.isEmpty() ? description : rules(description);
    StatusData newStatus = cleaned == description ? status : StatusData.create(status.getStatusCode(), cleaned);
    if (attributes == span.getAttributes() && events == span.getEvents() && newStatus == status) {
      return span;
    }
    return new DelegatingSpanData(span) {
      @Override
      public Attributes getAttributes() {
        return attributes;
      }

      @Override
      public List<EventData> getEvents() {
        return events;
      }

      @Override
      public StatusData getStatus() {
        return newStatus;
      }
    };
  }

  private List<EventData> events(List<EventData> events) {
    List<EventData> out = new ArrayList<>(events.size());
    boolean changed = false;
    for (EventData e : events) {
      Attributes a = attributes(e.getAttributes(), false);
      changed |= a != e.getAttributes();
      out.add(a == e.getAttributes() ? e : EventData.create(e.getEpochNanos(), e.getName(), a,
          e.getTotalAttributeCount()));
    }
    return changed ? out : events;
  }

  /** The attributes with the settings and rules applied; the same instance when nothing changed. */
  @SuppressWarnings("unchecked")
  private Attributes attributes(Attributes in, boolean spanLevel) {
    List<AttributeKey<?>> keys = new ArrayList<>(in.size());
    List<Object> values = new ArrayList<>(in.size());
    boolean[] changed = {false};
    in.forEach((key, value) -> {
      Object out = value;
      if (spanLevel) {
        Decision d = decide(key.getKey(), value);
        if (d == Decision.DROP) {
          changed[0] = true;
          return;
        }
        if (d == Decision.HIDE) {
          out = Redaction.REDACTED;
          key = AttributeKey.stringKey(key.getKey());
        }
      }
      if (out == value && key.getType() == AttributeType.STRING) {
        out = rules((String) value);
      } else if (out == value && key.getType() == AttributeType.STRING_ARRAY) {
        List<String> list = (List<String>) value;
        List<String> masked = null;
        for (int i = 0; i < list.size(); i++) {
          String v = list.get(i);
          String r = v == null ? null : rules(v);
          if (r != v && masked == null) {
            masked = new ArrayList<>(list);
          }
          if (masked != null) {
            masked.set(i, r);
          }
        }
        out = masked == null ? value : masked;
      }
      changed[0] |= out != value;
      keys.add(key);
      values.add(out);
    });
    if (!changed[0]) {
      return in;
    }
    AttributesBuilder b = Attributes.builder();
    for (int i = 0; i < keys.size(); i++) {
      b.put((AttributeKey<Object>) keys.get(i), values.get(i));
    }
    return b.build();
  }

  private enum Decision { KEEP, DROP, HIDE }

  private Decision decide(String key, Object value) {
    Redaction r = redaction;
    switch (key) {
      case "input.value":
        return r.hideInputs ? Decision.HIDE : Decision.KEEP;
      case "input.mime_type":
        return r.hideInputs ? Decision.DROP : Decision.KEEP;
      case "output.value":
        return r.hideOutputs ? Decision.HIDE : Decision.KEEP;
      case "output.mime_type":
        return r.hideOutputs ? Decision.DROP : Decision.KEEP;
      case "llm.invocation_parameters":
        return r.hideInvocationParameters ? Decision.DROP : Decision.KEEP;
      default:
        break;
    }
    if (key.startsWith("llm.prompts.")) {
      return r.hidePrompts ? Decision.DROP : Decision.KEEP;
    }
    if (key.startsWith("llm.input_messages.")) {
      if (r.hideInputs || r.hideInputMessages) return Decision.DROP;
      if (r.hideInputText && isMessageText(key)) return Decision.HIDE;
      if (key.endsWith("image.image.url")) {
        if (r.hideInputImages) return Decision.DROP;
        if (isLongDataUrl(value)) return Decision.HIDE;
      }
      return Decision.KEEP;
    }
    if (key.startsWith("llm.output_messages.")) {
      if (r.hideOutputs || r.hideOutputMessages) return Decision.DROP;
      if (r.hideOutputText && isMessageText(key)) return Decision.HIDE;
      return Decision.KEEP;
    }
    if (key.startsWith("embedding.embeddings.")) {
      if (key.endsWith(".embedding.text") && (r.hideInputs || r.hideInputMessages || r.hideInputText)) {
        return Decision.HIDE;
      }
      if (key.endsWith(".embedding.vector") && r.hideEmbeddingVectors) return Decision.DROP;
      return Decision.KEEP;
    }
    if (key.startsWith("retrieval.documents.") && key.endsWith(".document.content") && r.hideOutputs) {
      return Decision.HIDE;
    }
    return Decision.KEEP;
  }

  private static boolean isMessageText(String key) {
    return key.endsWith(".message.content") || key.endsWith(".message_content.text");
  }

  private boolean isLongDataUrl(Object value) {
    return value instanceof String s && s.length() > redaction.base64ImageMaxLength && s.startsWith("data:image/")
        && s.contains(";base64,");
  }

  private String rules(String text) {
    String out = text;
    for (RedactionRule rule : redaction.rules) {
      out = rule.apply(out);
    }
    return out;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }
}

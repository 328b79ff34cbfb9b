package dev.arbor.sdk.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * A started OpenInference span: the setters every kind shares (input, output, metadata, errors) over an
 * OpenTelemetry {@link Span}. Close it to end the span (try-with-resources); a span started with
 * {@link SpanStarter#start()} is also current until then, so spans started inside become its children.
 *
 * <p>Setters never throw: a null value is ignored, so instrumentation cannot break the application.
 */
public abstract class OpenInferenceSpan<S extends OpenInferenceSpan<S>> implements AutoCloseable {
  static final String TEXT_MIME = "text/plain";
  private static final AttributeKey<String> INPUT_VALUE = AttributeKey.stringKey("input.value");
  private static final AttributeKey<String> INPUT_MIME = AttributeKey.stringKey("input.mime_type");
  private static final AttributeKey<String> OUTPUT_VALUE = AttributeKey.stringKey("output.value");
  private static final AttributeKey<String> OUTPUT_MIME = AttributeKey.stringKey("output.mime_type");
  private static final AttributeKey<String> METADATA = AttributeKey.stringKey("metadata");

  final Span span;
  private final Scope scope;
  private final Context context;

  OpenInferenceSpan(Span span, Scope scope, Context context) {
    this.span = span;
    this.scope = scope;
    this.context = context;
  }

  abstract S self();

  /** The input as plain text ({@code input.value}). */
  public S setInput(String text) {
    return setValue(INPUT_VALUE, INPUT_MIME, text, TEXT_MIME);
  }

  /** The input as JSON text; the UI shows it as a JSON tree. */
  public S setInputJson(String json) {
    return setValue(INPUT_VALUE, INPUT_MIME, json, "application/json");
  }

  public S setOutput(String text) {
    return setValue(OUTPUT_VALUE, OUTPUT_MIME, text, TEXT_MIME);
  }

  public S setOutputJson(String json) {
    return setValue(OUTPUT_VALUE, OUTPUT_MIME, json, "application/json");
  }

  /** Metadata of this span only, written as JSON; {@link ContextAttributes} applies metadata to many spans. */
  public S setMetadata(Map<String, ?> metadata) {
    String json = metadata == null ? null : JsonText.of(metadata);
    if (json != null) {
      span.setAttribute(METADATA, json);
    }
    return self();
  }

  public S setAttribute(String key, String value) {
    if (key != null && value != null) {
      span.setAttribute(key, value);
    }
    return self();
  }

  public S setAttribute(String key, long value) {
    if (key != null) {
      span.setAttribute(key, value);
    }
    return self();
  }

  public S setAttribute(String key, double value) {
    if (key != null) {
      span.setAttribute(key, value);
    }
    return self();
  }

  public S setAttribute(String key, boolean value) {
    if (key != null) {
      span.setAttribute(key, value);
    }
    return self();
  }

  /** Adds an event (a milestone such as "Phase 1 Complete") with string attributes. */
  public S addEvent(String name, Map<String, String> attributes) {
    if (name != null) {
      io.opentelemetry.api.common.AttributesBuilder b = io.opentelemetry.api.common.Attributes.builder();
      if (attributes != null) {
        attributes.forEach((k, v) -> {
          if (k != null && v != null) b.put(k, v);
        });
      }
      span.addEvent(name, b.build());
    }
    return self();
  }

  /** Records the exception as an event (type, message, stack trace) and marks the span as failed. */
  public S recordException(Throwable error) {
    if (error != null) {
      span.recordException(error);
      String message = error.getMessage();
      span.setStatus(StatusCode.ERROR, message == null ? error.getClass().getName() : message);
    }
    return self();
  }

  /** Marks the span as failed with {@code message}, without an exception. */
  public S setError(String message) {
    span.setStatus(StatusCode.ERROR, message == null ? "" : message);
    return self();
  }

  /** The OpenTelemetry span underneath, for anything these setters do not cover. */
  public Span span() {
    return span;
  }

  /**
   * The context the span was started in, with the span: children started from another thread with
   * {@link SpanStarter#setParent} get this span as parent and the {@link ContextAttributes} of its start.
   */
  public Context context() {
    return context;
  }

  /** Ends the span and, when it was started as current, restores the context that was current before. */
  @Override
  public void close() {
    try {
      if (scope != null) {
        // Close on the thread that started the span, in order: OpenTelemetry ignores a scope closed elsewhere,
        // leaving that thread's context on this span (startDetached() is for spans that end elsewhere).
        scope.close();
      }
    } finally {
      span.end();
    }
  }

  private S setValue(AttributeKey<String> valueKey, AttributeKey<String> mimeKey, String value, String mime) {
    if (value != null) {
      span.setAttribute(valueKey, value);
      span.setAttribute(mimeKey, mime);
    }
    return self();
  }
}

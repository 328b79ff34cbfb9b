package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Configures a span before it starts: its parent and the attributes a sampler may look at. Get one from
 * {@link OpenInferenceTracer}; {@link #start()} starts the span and makes it current.
 */
public final class SpanStarter<S extends OpenInferenceSpan<S>> {
  private final SpanBuilder builder;
  private final SpanFactory<S> wrap;
  private Context parent;

  SpanStarter(SpanBuilder builder, SpanFactory<S> wrap) {
    this.builder = builder;
    this.wrap = wrap;
  }

  /**
   * Starts the span under {@code parent} instead of the current context: for work handed to another thread
   * without a wrapped executor ({@code tracer.llm("x").setParent(phase.context())}).
   */
  public SpanStarter<S> setParent(Context parent) {
    if (parent != null) {
      this.parent = parent;
      builder.setParent(parent);
    }
    return this;
  }

  public SpanStarter<S> setAttribute(String key, String value) {
    if (key != null && value != null) builder.setAttribute(key, value);
    return this;
  }

  public SpanStarter<S> setAttribute(String key, long value) {
    if (key != null) builder.setAttribute(key, value);
    return this;
  }

  public SpanStarter<S> setAttribute(String key, double value) {
    if (key != null) builder.setAttribute(key, value);
    return this;
  }

  public SpanStarter<S> setAttribute(String key, boolean value) {
    if (key != null) builder.setAttribute(key, value);
    return this;
  }

  /** Starts the span and makes it current on this thread until it is closed. Close it on this thread. */
  public S start() {
    Span span = builder.startSpan();
    Context context = (parent == null ? Context.current() : parent).with(span);
    return wrap.create(span, context.makeCurrent(), context);
  }

  /** Starts the span without making it current: for a span that ends on another thread (an async callback). */
  public S startDetached() {
    Span span = builder.startSpan();
    return wrap.create(span, null, (parent == null ? Context.current() : parent).with(span));
  }

  /** Makes the typed span around a started OpenTelemetry span. */
  interface SpanFactory<S> {
    S create(Span span, Scope scope, Context context);
  }
}

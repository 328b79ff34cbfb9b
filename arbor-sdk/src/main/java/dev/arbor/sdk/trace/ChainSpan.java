package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** A step that ties other steps together ({@code CHAIN}): a pipeline phase, a request handler, a RAG flow. */
public final class ChainSpan extends OpenInferenceSpan<ChainSpan> {
  ChainSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  ChainSpan self() {
    return this;
  }
}

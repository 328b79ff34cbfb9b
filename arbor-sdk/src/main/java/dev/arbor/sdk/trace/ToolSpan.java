package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** A tool or function the application ran for a model ({@code TOOL}). */
public final class ToolSpan extends OpenInferenceSpan<ToolSpan> {
  ToolSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  ToolSpan self() {
    return this;
  }

  public ToolSpan setToolName(String name) {
    if (name != null) span.setAttribute("tool.name", name);
    return this;
  }

  public ToolSpan setToolDescription(String description) {
    if (description != null) span.setAttribute("tool.description", description);
    return this;
  }

  /** The arguments the tool was called with, as JSON text ({@code tool.parameters}). */
  public ToolSpan setToolParameters(String json) {
    if (json != null) span.setAttribute("tool.parameters", json);
    return this;
  }
}

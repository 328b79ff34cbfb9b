package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** An agent's run ({@code AGENT}); its LLM and tool spans are children. */
public final class AgentSpan extends OpenInferenceSpan<AgentSpan> {
  AgentSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  AgentSpan self() {
    return this;
  }

  /** The agent's name ({@code agent.name}), what the dashboards split calls by. */
  public AgentSpan setAgentName(String name) {
    if (name != null) span.setAttribute("agent.name", name);
    return this;
  }
}

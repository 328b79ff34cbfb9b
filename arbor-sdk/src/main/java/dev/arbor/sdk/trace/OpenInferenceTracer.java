package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Tracer;

/**
 * Starts OpenInference spans of each kind over an OpenTelemetry {@link Tracer}.
 *
 * <pre>{@code
 * OpenInferenceTracer tracer = arbor.tracer("ticket-pipeline");
 * try (ChainSpan phase = tracer.chain("Phase 2: Synthesis").start()) {
 *   phase.setAttribute("ticket_count", tickets.size());
 *   ...
 * }
 * }</pre>
 */
public final class OpenInferenceTracer {
  private final Tracer tracer;

  private OpenInferenceTracer(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Wraps any OpenTelemetry tracer, for applications that set up OpenTelemetry themselves. */
  public static OpenInferenceTracer of(Tracer tracer) {
    return new OpenInferenceTracer(tracer);
  }

  public SpanStarter<ChainSpan> chain(String name) {
    return starter(name, "CHAIN", ChainSpan::new);
  }

  public SpanStarter<LlmSpan> llm(String name) {
    return starter(name, "LLM", LlmSpan::new);
  }

  public SpanStarter<ToolSpan> tool(String name) {
    return starter(name, "TOOL", ToolSpan::new);
  }

  public SpanStarter<RetrieverSpan> retriever(String name) {
    return starter(name, "RETRIEVER", RetrieverSpan::new);
  }

  public SpanStarter<AgentSpan> agent(String name) {
    return starter(name, "AGENT", AgentSpan::new);
  }

  public SpanStarter<EmbeddingSpan> embedding(String name) {
    return starter(name, "EMBEDDING", EmbeddingSpan::new);
  }

  /** The OpenTelemetry tracer underneath, for spans of other kinds (HTTP clients, databases). */
  public Tracer tracer() {
    return tracer;
  }

  private <S extends OpenInferenceSpan<S>> SpanStarter<S> starter(String name, String kind,
      SpanStarter.SpanFactory<S> wrap) {
    return new SpanStarter<>(tracer.spanBuilder(name == null ? kind : name)
        .setAttribute("openinference.span.kind", kind), wrap);
  }
}

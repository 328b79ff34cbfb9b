package dev.arbor.model;

import java.util.Locale;

/**
 * What a span does in an LLM application (OpenInference's {@code openinference.span.kind}); the
 * {@code span_kind} that users filter on. Not OpenTelemetry's client/server kind: see {@link OtelKind}.
 */
public enum SpanKind {
  LLM, CHAIN, TOOL, RETRIEVER, EMBEDDING, AGENT, RERANKER, GUARDRAIL, EVALUATOR, UNKNOWN;

  /** The kind named by {@code text} (any case), or {@code null} if it names none. */
  public static SpanKind parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

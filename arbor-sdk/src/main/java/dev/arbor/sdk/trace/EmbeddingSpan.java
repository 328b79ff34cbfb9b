package dev.arbor.sdk.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/** A call to an embedding model ({@code EMBEDDING}): the model, the texts and their vectors. */
public final class EmbeddingSpan extends OpenInferenceSpan<EmbeddingSpan> {
  EmbeddingSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  EmbeddingSpan self() {
    return this;
  }

  public EmbeddingSpan setModelName(String model) {
    if (model != null) span.setAttribute("embedding.model_name", model);
    return this;
  }

  public EmbeddingSpan setEmbeddings(List<Embedding> embeddings) {
    if (embeddings == null) {
      return this;
    }
    int i = 0;
    for (Embedding e : embeddings) {
      if (e == null) continue;
      String p = "embedding.embeddings." + i++ + ".embedding.";
      if (e.text() != null) span.setAttribute(p + "text", e.text());
      if (e.vector() != null) {
        List<Double> vector = new java.util.ArrayList<>(e.vector().size());
        for (Float f : e.vector()) {
          vector.add(f == null ? Double.NaN : f.doubleValue());
        }
        span.setAttribute(AttributeKey.doubleArrayKey(p + "vector"), vector);
      }
    }
    return this;
  }
}

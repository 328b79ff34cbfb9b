package dev.arbor.sdk.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;

/** A search for context ({@code RETRIEVER}); the query is its input, the documents found its output. */
public final class RetrieverSpan extends OpenInferenceSpan<RetrieverSpan> {
  RetrieverSpan(Span span, Scope scope, Context context) {
    super(span, scope, context);
  }

  @Override
  RetrieverSpan self() {
    return this;
  }

  public RetrieverSpan setDocuments(List<Document> documents) {
    if (documents == null) {
      return this;
    }
    int i = 0;
    for (Document d : documents) {
      if (d == null) continue;
      String p = "retrieval.documents." + i++ + ".document.";
      if (d.id() != null) span.setAttribute(p + "id", d.id());
      if (d.content() != null) span.setAttribute(p + "content", d.content());
      if (d.score() != null) span.setAttribute(p + "score", d.score());
      String metadata = d.metadata().isEmpty() ? null : JsonText.of(d.metadata());
      if (metadata != null) span.setAttribute(p + "metadata", metadata);
    }
    return this;
  }
}

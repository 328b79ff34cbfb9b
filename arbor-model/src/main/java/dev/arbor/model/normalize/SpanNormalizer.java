package dev.arbor.model.normalize;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import java.util.List;

/**
 * The one place that reads semantic conventions: derives a span's canonical {@link LlmFields} from its
 * attributes. OpenInference is read first (Phoenix's own convention), then OpenTelemetry GenAI, then
 * Langfuse; a field set by an earlier convention is kept. Token counts are then made to include their cache
 * and reasoning details ({@link dev.arbor.model.TokenCounts#withDetailsIncluded}). The attributes themselves
 * are never changed.
 */
public final class SpanNormalizer {
  private final List<Convention> conventions =
      List.of(new OpenInferenceConvention(), new GenAiConvention(), new LangfuseConvention());

  public static SpanNormalizer create() {
    return new SpanNormalizer();
  }

  private SpanNormalizer() {}

  public Span normalize(Span span) {
    LlmFields.Builder fields = LlmFields.builder();
    for (Convention convention : conventions) {
      convention.apply(span.name(), span.attributes(), fields);
    }
    LlmFields llm = fields.build();
    return span.toBuilder().llm(llm.withTokens(llm.tokens().withDetailsIncluded())).build();
  }
}

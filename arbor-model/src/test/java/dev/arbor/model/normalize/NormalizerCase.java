package dev.arbor.model.normalize;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import java.util.Map;
import java.util.function.Function;

/** One row of a convention's table: given these attributes, this canonical field has this value. */
record NormalizerCase(String description, Map<String, Object> attributes, Function<LlmFields, Object> field,
    Object expected) {

  static NormalizerCase of(String description, Map<String, Object> attributes,
      Function<LlmFields, Object> field, Object expected) {
    return new NormalizerCase(description, attributes, field, expected);
  }

  Object actual() {
    Span span = Span.builder().traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
        .name("span").attributes(attributes).build();
    return field.apply(SpanNormalizer.create().normalize(span).llm());
  }

  @Override
  public String toString() {
    return description;
  }
}

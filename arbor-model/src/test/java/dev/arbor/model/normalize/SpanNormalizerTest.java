package dev.arbor.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Span;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanNormalizerTest {

  @Test
  void normalize_keepsAttributesAsReceived() {
    Map<String, Object> attributes = Map.of("llm.model_name", "gpt-4o", "custom.key", 3L);
    Span span = Span.builder().traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
        .name("chat").attributes(attributes).build();

    Span normalized = SpanNormalizer.create().normalize(span);

    assertThat(normalized.attributes()).isEqualTo(attributes);
    assertThat(normalized.llm().modelName()).isEqualTo("gpt-4o");
    assertThat(normalized.toBuilder().llm(null).build()).isEqualTo(span);
  }
}

package dev.arbor.model.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Span;
import dev.arbor.model.TokenCounts;
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

  @Test
  void normalize_addsCacheTokensToAPromptThatCannotIncludeThem() {
    Span span = Span.builder().traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
        .name("chat").attributes(Map.of("llm.token_count.prompt", 120L, "llm.token_count.completion", 30L,
            "llm.token_count.prompt_details.cache_read", 4000L, "llm.token_count.completion_details.reasoning", 10L))
        .build();

    TokenCounts tokens = SpanNormalizer.create().normalize(span).llm().tokens();

    assertThat(tokens).isEqualTo(new TokenCounts(4120L, 30L, null, 4000L, null, 10L));
  }
}

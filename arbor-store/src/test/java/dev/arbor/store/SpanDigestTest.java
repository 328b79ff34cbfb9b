package dev.arbor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.SpanKind;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.SpanEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanDigestTest {
  private static Span span(Map<String, Object> attributes) {
    return Span.builder().project("p").traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
        .name("llm").startTimeUnixNano(1).endTimeUnixNano(2).attributes(attributes)
        .events(List.of(new SpanEvent("exception", 5, Map.of("exception.message", "boom")))).build();
  }

  @Test
  void theDigest_isTheSameForTheSameContent_whateverTheMapOrderOrProject() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("a", "x");
    one.put("b", 1L);
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("b", 1L);
    other.put("a", "x");
    assertThat(SpanDigest.of(span(one))).hasSize(64).isEqualTo(SpanDigest.of(span(other)))
        .isEqualTo(SpanDigest.of(span(one).toBuilder().project("renamed").build()));
  }

  /** A span with token counts, as spans were recorded before the counts had audio details. */
  private static Span llmSpan(TokenCounts tokens) {
    return span(Map.of("a", "x")).toBuilder().llm(LlmFields.builder().spanKindIfAbsent(SpanKind.LLM)
        .modelNameIfAbsent("gpt-4o").tokensIfAbsent(tokens).build()).build();
  }

  @Test
  void spansRecordedBeforeAFieldWasAdded_keepTheirDigest() {
    // Computed by the digest as it was before TokenCounts had audio counts: the audit trail checks stored spans
    // against digests recorded then.
    assertThat(SpanDigest.of(llmSpan(new TokenCounts(120L, 35L, 155L, 20L, null, 7L))))
        .isEqualTo("a22f2ff503d78b2257a42e4662dc3345175a7d2db58ae317cfe9d82f5b18ead6");
    assertThat(SpanDigest.of(llmSpan(new TokenCounts(120L, 35L, 155L, 20L, null, 7L, 40L, null))))
        .as("an audio count is content").isNotEqualTo(SpanDigest.of(llmSpan(new TokenCounts(120L, 35L, 155L, 20L,
            null, 7L))));
  }

  @Test
  void anyChangeOfContent_changesTheDigest() {
    String digest = SpanDigest.of(span(Map.of("a", "x")));
    assertThat(SpanDigest.of(span(Map.of("a", "y")))).isNotEqualTo(digest);
    assertThat(SpanDigest.of(span(Map.of("a", 1L)))).as("a number is not its text").isNotEqualTo(
        SpanDigest.of(span(Map.of("a", "1"))));
    assertThat(SpanDigest.of(span(Map.of("a", "x")).toBuilder().name("llm2").build())).isNotEqualTo(digest);
    assertThat(SpanDigest.of(span(Map.of("a", "x")).toBuilder().events(List.of()).build())).isNotEqualTo(digest);
    assertThat(SpanDigest.of(span(Map.of("ab", "")))).as("lengths keep fields apart")
        .isNotEqualTo(SpanDigest.of(span(Map.of("a", "b"))));
  }

  @Test
  void whatPostgresqlCannotKeep_isWrittenAsItKeepsIt() {
    assertThat(SpanDigest.of(span(Map.of("a", "x\u0000y")))).isEqualTo(SpanDigest.of(span(Map.of("a", "x\uFFFDy"))));
    assertThat(SpanDigest.of(span(Map.of("a", Double.NaN)))).isEqualTo(SpanDigest.of(span(Map.of("a", "NaN"))));
  }
}

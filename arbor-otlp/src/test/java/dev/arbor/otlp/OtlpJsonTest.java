package dev.arbor.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {
  private final OtlpDecoder decoder = OtlpDecoder.create(10_000);

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = OtlpJsonTest.class.getResourceAsStream("/otlp-json/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void parse_readsHexIdsNumbersAsStringsAndEnumNames() throws Exception {
    DecodedBatch batch = decoder.decode(OtlpJson.parseRequest(fixture("llm-trace.json")), null);

    assertThat(batch.rejected()).isZero();
    assertThat(batch.spans()).hasSize(2);
    Span root = batch.spans().get(0);
    Span llm = batch.spans().get(1);
    assertThat(root.project()).isEqualTo("tickets");
    assertThat(root.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.startTimeUnixNano()).isEqualTo(1544712660000000000L);
    assertThat(root.kind()).isEqualTo(OtelKind.INTERNAL);
    assertThat(root.attributes()).containsEntry("ticket_count", 3L);
    assertThat(llm.parentSpanId()).isEqualTo("eee19b7ec3c1b174");
    assertThat(llm.kind()).isEqualTo(OtelKind.CLIENT);
    assertThat(llm.statusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(llm.statusMessage()).isEqualTo("rate limited");
    assertThat(llm.attributes())
        .containsEntry("llm.token_count.prompt", 120L)
        .containsEntry("temperature", 0.2)
        .containsEntry("streaming", false)
        .containsEntry("tag.tags", List.of("a", "b"))
        .containsEntry("nested", Map.of("inner", 7L));
    assertThat(llm.events()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("exception");
      assertThat(e.attributes()).containsEntry("exception.type", "RateLimitError");
    });
    assertThat(llm.links()).singleElement().satisfies(l -> {
      assertThat(l.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(l.spanId()).isEqualTo("b7ad6b7169203331");
    });
    assertThat(llm.resource()).containsEntry("service.name", "ticket-summarizer");
    assertThat(llm.scopeName()).isEqualTo("openinference.instrumentation.openai");
  }

  @Test
  void parse_rejectsInvalidSpansAndKeepsTheRest() throws Exception {
    DecodedBatch batch = decoder.decode(OtlpJson.parseRequest(fixture("invalid-spans.json")), null);

    assertThat(batch.spans()).extracting(Span::name).containsExactly("valid");
    assertThat(batch.rejected()).isEqualTo(4);
    assertThat(batch.rejectionMessage()).startsWith("4 invalid span(s) rejected: ").contains("trace id");
  }

  @Test
  void parse_malformedJsonSaysWhatIsWrong() {
    assertThatThrownBy(() -> OtlpJson.parseRequest("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpFormatException.class).hasMessageStartingWith("body is not valid JSON");
    assertThatThrownBy(() -> OtlpJson.parseRequest("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpFormatException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> OtlpJson.parseRequest(
        "{\"resourceSpans\": [{\"scopeSpans\": 5}]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OtlpFormatException.class).hasMessageContaining("OTLP/JSON");
  }
}

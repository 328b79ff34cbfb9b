package dev.arbor.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  private static Span.Builder span(String spanId) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
        .setName("s").setStartTimeUnixNano(1).setEndTimeUnixNano(2);
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static ExportTraceServiceRequest request(Resource resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(java.util.List.of(spans)))).build();
  }

  @Test
  void project_headerWinsOverResourceWhichWinsOverDefault() {
    Resource named = Resource.newBuilder().addAttributes(kv("openinference.project.name", "from-resource")).build();
    OtlpDecoder decoder = OtlpDecoder.create(100);

    assertThat(decoder.decode(request(named, span("b7ad6b7169203331").build()), "from-header").spans().get(0).project())
        .isEqualTo("from-header");
    assertThat(decoder.decode(request(named, span("b7ad6b7169203331").build()), null).spans().get(0).project())
        .isEqualTo("from-resource");
    assertThat(decoder.decode(request(Resource.getDefaultInstance(), span("b7ad6b7169203331").build()), " ")
        .spans().get(0).project()).isEqualTo("default");
  }

  @Test
  void attributeValuesOverTheLimit_areTruncatedWithAVisibleMarkerAndCounted() {
    Span s = span("b7ad6b7169203331").addAttributes(kv("input.value", "x".repeat(25)))
        .addAttributes(kv("short", "ok")).build();

    DecodedBatch batch = OtlpDecoder.create(10).decode(request(Resource.getDefaultInstance(), s), null);

    assertThat(batch.truncatedValues()).isEqualTo(1);
    assertThat(batch.spans().get(0).attributes())
        .containsEntry("input.value", "x".repeat(10) + "…[truncated 15 chars]")
        .containsEntry("short", "ok");
  }

  @Test
  void invalidParentId_rejectsTheSpan() {
    Span s = span("b7ad6b7169203331").setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3})).build();

    DecodedBatch batch = OtlpDecoder.create(10).decode(request(Resource.getDefaultInstance(), s), null);

    assertThat(batch.spans()).isEmpty();
    assertThat(batch.rejected()).isEqualTo(1);
    assertThat(batch.rejectionMessage()).contains("parent span id");
  }

  @Test
  void invalidLinkId_rejectsTheSpan() {
    Span s = span("b7ad6b7169203331").addLinks(Span.Link.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE)))
        .setSpanId(ByteString.copyFrom(new byte[] {1}))).build();

    DecodedBatch batch = OtlpDecoder.create(10).decode(request(Resource.getDefaultInstance(), s), null);

    assertThat(batch.spans()).isEmpty();
    assertThat(batch.rejectionMessage()).contains("link");
  }

  @Test
  void parseProtobuf_garbageIsAFormatError() {
    assertThatThrownBy(() -> OtlpDecoder.parseProtobuf(new byte[] {(byte) 0xff, 0x01, 0x02}))
        .isInstanceOf(OtlpFormatException.class).hasMessageStartingWith("body is not a protobuf");
  }
}

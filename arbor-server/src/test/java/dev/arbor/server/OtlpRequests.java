package dev.arbor.server;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;

/** OTLP protobuf requests for tests: {@code count} LLM spans with ids derived from the project and {@code first}. */
public final class OtlpRequests {
  private OtlpRequests() {}

  /** Trace ids differ between projects, so that tests sharing a server never send the same span twice. */
  public static String traceId(String project, long n) {
    return String.format("%08x%08x%016x", project.hashCode(), 0x5eed, n + 1);
  }

  public static String spanId(String project, long n) {
    return String.format("%08x%08x", project.hashCode(), n + 1);
  }

  public static ExportTraceServiceRequest llmSpans(String project, long first, int count, int textChars) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    String text = "x".repeat(textChars);
    for (long n = first; n < first + count; n++) {
      long start = 1_700_000_000_000_000_000L + n * 1_000_000L;
      scope.addSpans(Span.newBuilder()
          .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId(project, n / 4))))
          .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId(project, n))))
          .setName("llm-" + n).setKind(Span.SpanKind.SPAN_KIND_CLIENT)
          .setStartTimeUnixNano(start).setEndTimeUnixNano(start + 750_000_000L)
          .addAttributes(kv("openinference.span.kind", "LLM"))
          .addAttributes(kv("llm.model_name", "gpt-4o-mini"))
          .addAttributes(kv("input.value", "question " + n + " " + text))
          .addAttributes(kv("output.value", "answer " + n + " " + text)));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("openinference.project.name", project)))
        .addScopeSpans(scope)).build();
  }

  public static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}

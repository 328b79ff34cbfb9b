package dev.arbor.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic OpenInference LLM spans for load: a chain root every 8 spans with LLM children, 1–2 KB of
 * prompt and of answer text drawn from a vocabulary (so gzip sees text-like data), model, provider,
 * token counts and invocation parameters; about 3.6 KB per span on the wire. Ids never repeat within a
 * generator (a run-unique prefix plus a counter).
 */
final class LlmSpanGenerator {
  private static final String[] WORDS = ("the ticket customer printer error firmware update please summarise "
      + "diagnostics log timeout retry network cluster node pod memory latency token model answer request "
      + "response user account billing refund escalate priority severity incident analysis root cause "
      + "configuration deploy rollback version service database query index cache").split(" ");
  private static final String[] MODELS = {"gpt-4o-mini", "claude-sonnet-4", "gemini-2.5-flash"};
  private static final String[] PROVIDERS = {"openai", "anthropic", "google"};

  private final AtomicLong next = new AtomicLong();
  private final long runId;
  private final String[] texts;
  private final String project;

  LlmSpanGenerator(String project, long seed) {
    this.project = project;
    SplittableRandom random = new SplittableRandom(seed);
    this.runId = random.nextLong() & 0x7fffffffffffL | 1;
    this.texts = new String[64];
    for (int i = 0; i < texts.length; i++) {
      int length = 1024 + random.nextInt(1024);
      StringBuilder text = new StringBuilder(length + 16);
      while (text.length() < length) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      texts[i] = text.toString();
    }
  }

  ExportTraceServiceRequest request(int spans) {
    long first = next.getAndAdd(spans);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    scope.getScopeBuilder().setName("openinference.instrumentation.openai").setVersion("0.1.30");
    long now = System.currentTimeMillis() * 1_000_000L;
    for (long n = first; n < first + spans; n++) {
      scope.addSpans(span(n, now));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder()
            .addAttributes(kv("service.name", "ticket-summarizer"))
            .addAttributes(kv("openinference.project.name", project)))
        .addScopeSpans(scope)).build();
  }

  private Span span(long n, long now) {
    long trace = n / 8;
    boolean root = n % 8 == 0;
    int pick = (int) (n % MODELS.length);
    long start = now + (n % 8) * 1_000_000L;
    Span.Builder span = Span.newBuilder()
        .setTraceId(id16(runId, trace + 1))
        .setSpanId(id8(n + 1))
        .setName(root ? "Process Tickets" : "ChatCompletion")
        .setKind(root ? Span.SpanKind.SPAN_KIND_INTERNAL : Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(start + 200_000_000L + (n % 17) * 50_000_000L);
    if (!root) {
      span.setParentSpanId(id8(trace * 8 + 1));
    }
    String input = texts[(int) (n % texts.length)];
    String output = texts[(int) ((n * 7 + 3) % texts.length)];
    return span
        .addAttributes(kv("openinference.span.kind", root ? "CHAIN" : "LLM"))
        .addAttributes(kv("llm.model_name", MODELS[pick]))
        .addAttributes(kv("llm.provider", PROVIDERS[pick]))
        .addAttributes(kv("llm.token_count.prompt", 300 + n % 500))
        .addAttributes(kv("llm.token_count.completion", 120 + n % 300))
        .addAttributes(kv("llm.token_count.total", 420 + n % 800))
        .addAttributes(kv("llm.invocation_parameters", "{\"temperature\":0.2,\"max_tokens\":1024}"))
        .addAttributes(kv("input.value", input))
        .addAttributes(kv("input.mime_type", "text/plain"))
        .addAttributes(kv("output.value", output))
        .addAttributes(kv("output.mime_type", "text/plain"))
        .addAttributes(kv("session.id", "session-" + trace % 1000))
        .addAttributes(kv("user.id", "user-" + trace % 97))
        .addAttributes(kv("ticket_id", "T-" + (100_000 + trace)))
        .addAttributes(kv("analysis_type", "both"))
        .build();
  }

  private static ByteString id16(long high, long low) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
  }

  private static ByteString id8(long value) {
    return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(value).array());
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}

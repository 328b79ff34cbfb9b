package dev.arbor.server;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/**
 * The traces the browser tests look at, shaped like seed 004's ticket pipeline: a root with phases, phases 3a
 * and 3b running at the same time, an LLM call with messages, a tool call, a failed ticket with its exception,
 * and an LLM answer that tries to run script in the page.
 */
final class UiFixtures {
  static final String PROJECT = "ui-fixture";
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String OTHER_TRACE = "1bf7651916cd43dd8448eb211c80319d";
  static final String XSS = "<script>window.__xss = 'script'</script><img src=x onerror=\"window.__xss = 'img'\">";
  /** A human's judgement of the "Phase 2: synthesize" LLM call (span 5). */
  static final String ANNOTATION = """
      {"data": [{"span_id": "0000000000000005", "name": "correctness", "annotator_kind": "HUMAN",
        "result": {"label": "correct", "score": 0.9, "explanation": "Matches the ticket."}}]}""";
  private static final long T0 = 1_764_400_000_000_000_000L; // 2025-11-29T07:06:40Z
  private static final long MS = 1_000_000L;

  private UiFixtures() {}

  /** Sends the fixture traces and the annotation to a running server. */
  static void send(RunningServer running) {
    var answer = running.api().post("/v1/traces", "application/x-protobuf", request().toByteArray());
    org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(200);
    var annotated = running.api().send("POST", "/v1/span_annotations?sync=true", ANNOTATION);
    org.assertj.core.api.Assertions.assertThat(annotated.statusCode()).as(ApiClient.text(annotated)).isEqualTo(200);
  }

  static ExportTraceServiceRequest request() {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    scope.addSpans(span(TRACE, 1, 0, "Process Tickets", "CHAIN", 0, 10_000)
        .addAttributes(kv("analysis_type", "both")).addAttributes(kv("session.id", "support-session-1"))
        .addAttributes(kv("input.value", "tickets.csv: T-100, T-404")).addAttributes(kv("output.value", "2 tickets, 1 failed")));
    scope.addSpans(span(TRACE, 2, 1, "Phase 1: fetch tickets", "CHAIN", 10, 1_000));
    scope.addSpans(span(TRACE, 3, 2, "GET /api/v2/tickets/T-100", "UNKNOWN", 20, 400));
    scope.addSpans(span(TRACE, 4, 2, "ticket T-404", "CHAIN", 420, 900).addAttributes(kv("http.status_code", 404))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("HTTPError: 404 Not Found"))
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(T0 + 890 * MS)
            .addAttributes(kv("exception.type", "HTTPError"))
            .addAttributes(kv("exception.message", "404 Not Found: ticket T-404"))
            .addAttributes(kv("exception.stacktrace", "Traceback (most recent call last):\n  File \"pipeline.py\", line 42, in fetch\nHTTPError: 404 Not Found"))));
    scope.addSpans(span(TRACE, 5, 1, "Phase 2: synthesize", "LLM", 1_000, 3_000)
        .addAttributes(kv("llm.model_name", "gpt-4o")).addAttributes(kv("llm.provider", "openai"))
        .addAttributes(kv("llm.input_messages.0.message.role", "system"))
        .addAttributes(kv("llm.input_messages.0.message.content", "You summarise support tickets."))
        .addAttributes(kv("llm.input_messages.1.message.role", "user"))
        .addAttributes(kv("llm.input_messages.1.message.content", "Summarise ticket T-100: printer offline since Monday."))
        // A multi-part message: text and an image, shown as a link; a javascript: address stays text.
        .addAttributes(kv("llm.input_messages.2.message.role", "user"))
        .addAttributes(kv("llm.input_messages.2.message.contents.0.message_content.type", "text"))
        .addAttributes(kv("llm.input_messages.2.message.contents.0.message_content.text", "javascript:alert(1)"))
        .addAttributes(kv("llm.input_messages.2.message.contents.1.message_content.type", "image"))
        .addAttributes(kv("llm.input_messages.2.message.contents.1.message_content.image.image.url",
            "https://example.com/printer-photo.jpg"))
        .addAttributes(kv("llm.output_messages.0.message.role", "assistant"))
        .addAttributes(kv("llm.output_messages.0.message.content", "The customer's printer has been offline since Monday."))
        .addAttributes(kv("llm.token_count.prompt", 120)).addAttributes(kv("llm.token_count.completion", 45))
        .addAttributes(kv("llm.token_count.total", 165))
        .addAttributes(kv("llm.invocation_parameters", "{\"temperature\": 0.2}")));
    scope.addSpans(span(TRACE, 6, 1, "Phase 3a: categorize", "CHAIN", 3_000, 7_000));
    scope.addSpans(span(TRACE, 7, 1, "Phase 3b: diagnostics", "CHAIN", 3_500, 8_000));
    scope.addSpans(span(TRACE, 8, 7, "lookup_kb", "TOOL", 3_600, 4_200)
        .addAttributes(kv("tool.name", "lookup_kb")).addAttributes(kv("input.value", "{\"query\": \"printer offline\"}")));
    scope.addSpans(span(TRACE, 9, 6, "categorize " + XSS, "LLM", 3_100, 6_500)
        .addAttributes(kv("llm.model_name", "claude-sonnet-4"))
        .addAttributes(kv("llm.output_messages.0.message.role", "assistant"))
        .addAttributes(kv("llm.output_messages.0.message.content", XSS)));
    scope.addSpans(span(OTHER_TRACE, 11, 0, "Answer question", "LLM", 20_000, 20_800)
        .addAttributes(kv("session.id", "support-session-1"))
        // A model no price list knows: its cost is unknown until Settings → Models gets a price for it.
        .addAttributes(kv("llm.model_name", "support-bot-v2"))
        .addAttributes(kv("llm.token_count.prompt", 300)).addAttributes(kv("llm.token_count.completion", 60))
        .addAttributes(kv("llm.token_count.total", 360))
        .addAttributes(kv("input.value", "How do I reset my password?"))
        .addAttributes(kv("output.value", "Use the 'Forgot password' link on the sign-in page.")));
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(kv("openinference.project.name", PROJECT))
            .addAttributes(kv("service.name", "ticket-pipeline")))
        .addScopeSpans(scope)).build();
  }

  private static Span.Builder span(String trace, int id, int parent, String name, String kind, long startMs, long endMs) {
    Span.Builder b = Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(trace)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", id))))
        .setName(name).setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(T0 + startMs * MS).setEndTimeUnixNano(T0 + endMs * MS)
        .addAttributes(kv("openinference.span.kind", kind));
    if (parent != 0) {
      b.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", parent))));
    }
    return b;
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue kv(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}

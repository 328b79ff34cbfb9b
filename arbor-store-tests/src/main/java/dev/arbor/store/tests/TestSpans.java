package dev.arbor.store.tests;

import dev.arbor.model.Document;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanKind;
import dev.arbor.model.SpanLink;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic spans with fixed ids for tests: an LLM call with every canonical field, and plain spans. */
public final class TestSpans {
  public static final long T0 = 1_700_000_000_000_000_000L;

  private TestSpans() {}

  /** A trace id made from {@code n}: 32 hex digits, never all zero. */
  public static String traceId(long n) {
    return String.format("%016x%016x", 0xabcdefL, n + 1);
  }

  /** A span id made from {@code n}: 16 hex digits, never all zero. */
  public static String spanId(long n) {
    return String.format("%016x", n + 1);
  }

  /** A plain span {@code n} of trace {@code trace} in {@code project}, started {@code n} ms after T0. */
  public static Span span(String project, long trace, long n) {
    return Span.builder().project(project).traceId(traceId(trace)).spanId(spanId(n)).name("span-" + n)
        .kind(OtelKind.INTERNAL).startTimeUnixNano(T0 + n * 1_000_000L).endTimeUnixNano(T0 + n * 1_000_000L + 500_000L)
        .statusCode(StatusCode.OK).build();
  }

  /** {@code count} spans of one trace each, in {@code project}, numbered from {@code first}. */
  public static List<Span> spans(String project, long first, int count) {
    List<Span> spans = new ArrayList<>(count);
    for (long n = first; n < first + count; n++) {
      spans.add(span(project, n, n));
    }
    return spans;
  }

  /** An LLM span with every kind of attribute value and every canonical field set. */
  public static Span llmSpan(String project) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("openinference.span.kind", "LLM");
    attributes.put("llm.model_name", "gpt-4o-mini");
    attributes.put("llm.token_count.prompt", 120L);
    attributes.put("temperature", 0.25);
    attributes.put("whole.double", 2.0);
    attributes.put("streaming", false);
    attributes.put("tag.tags", List.of("billing", "eu"));
    attributes.put("numbers", List.of(1L, 2L, 3L));
    attributes.put("nested", Map.of("inner", Map.of("deep", "value")));
    attributes.put("unicode", "naïve café — 日本語 \"quoted\" \\ backslash");
    return Span.builder().project(project).traceId(traceId(900)).spanId(spanId(900)).parentSpanId(spanId(899))
        .traceState("vendor=1").name("ChatCompletion").kind(OtelKind.CLIENT)
        .startTimeUnixNano(T0 + 123_456_789L).endTimeUnixNano(T0 + 987_654_321L)
        .statusCode(StatusCode.ERROR).statusMessage("rate limited")
        .attributes(attributes)
        .events(List.of(SpanEvent.of("exception", T0 + 500_000_000L,
            Map.of("exception.type", "RateLimitError", "exception.stacktrace", "at a\nat b"))))
        .links(List.of(SpanLink.of(traceId(1), spanId(1), "", Map.of("link.kind", "follows"))))
        .resource(Map.of("service.name", "ticket-summarizer", "openinference.project.name", project))
        .scopeName("openinference.instrumentation.openai").scopeVersion("0.1.30")
        .llm(LlmFields.builder()
            .spanKindIfAbsent(SpanKind.LLM).modelNameIfAbsent("gpt-4o-mini").providerIfAbsent("openai")
            .tokensIfAbsent(new TokenCounts(120L, 35L, 155L, 20L, 5L, 7L))
            .inputIfAbsent("{\"ticket\":1}", "application/json").outputIfAbsent("on fire", "text/plain")
            .inputMessagesIfAbsent(List.of(Message.of("system", "be brief"),
                new Message("assistant", null, "bot", null, List.of(ToolCall.of("c1", "lookup", "{\"q\":1}"))),
                new Message("tool", "42", null, "c1", List.of())))
            .outputMessagesIfAbsent(List.of(Message.of("assistant", "on fire")))
            .documentsIfAbsent(List.of(Document.of("d1", "manual", 0.75, "{\"page\":3}")))
            .sessionIdIfAbsent("session-1").userIdIfAbsent("user-1").metadataIfAbsent("{\"topic\":\"billing\"}")
            .tagsIfAbsent(List.of("billing", "eu")).invocationParametersIfAbsent("{\"temperature\":0.25}")
            .build())
        .cost(SpanCost.of(1.425e-5, 1.68e-5, 1.5e-6, 7.5e-7, 4.2e-6))
        .build();
  }
}

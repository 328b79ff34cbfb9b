package dev.arbor.server.api;

import dev.arbor.model.Document;
import dev.arbor.model.LlmFields;
import dev.arbor.model.Message;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanLink;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.ToolCall;
import dev.arbor.store.CostTotal;
import dev.arbor.store.StoredSpan;
import java.util.List;
import java.util.Map;

/**
 * A span as the UI's trace view shows it: the canonical LLM fields (whichever convention the span was written
 * in), and everything else as it was received. Times are ISO-8601, nanoseconds since the epoch as text (a
 * JavaScript number holds integers exactly only up to 2^53, and epoch nanoseconds are near 2^61), and nanoseconds
 * since the trace's first span started as numbers, so the timeline can place spans exactly.
 */
record UiSpanDto(String spanId, String traceId, String parentId, String name, String spanKind, String otelKind,
    String statusCode, String statusMessage, String startTime, String startNanos, String endNanos,
    long startOffsetNanos, long endOffsetNanos, double latencyMs,
    String model, String provider, Tokens tokens, Cost cost, String input, String inputMimeType, String output,
    String outputMimeType, List<MessageDto> inputMessages, List<MessageDto> outputMessages,
    List<DocumentDto> documents, String invocationParameters, String sessionId, String userId, String metadata,
    List<String> tags, Map<String, Object> attributes, List<EventDto> events, List<LinkDto> links,
    Map<String, Object> resource, String scope) {

  record Tokens(Long prompt, Long completion, Long total, Long cacheRead, Long cacheWrite, Long reasoning,
      Long promptAudio, Long completionAudio) {
    static Tokens of(TokenCounts t) {
      return new Tokens(t.prompt(), t.completion(), t.total(), t.cacheRead(), t.cacheWrite(), t.reasoning(),
          t.promptAudio(), t.completionAudio());
    }
  }

  /**
   * What a call or a group of calls cost in US dollars: {@code total} sums the priced spans (null when none is
   * priced); {@code unpricedSpans} counts spans that reported tokens but have no price, shown as "unknown"
   * and never as $0. The parts are set for a single span only.
   */
  record Cost(Double total, long unpricedSpans, Double input, Double output, Double cacheRead, Double cacheWrite,
      Double reasoning, Double audio) {
    static Cost of(Span s) {
      SpanCost c = s.cost();
      long unpriced = !c.isPriced() && s.llm().tokens().hasPriceableCounts() ? 1 : 0;
      return new Cost(c.total(), unpriced, c.input(), c.output(), c.cacheRead(), c.cacheWrite(), c.reasoning(),
          c.audio());
    }

    static Cost of(CostTotal t) {
      return new Cost(t.cost(), t.unpricedSpans(), null, null, null, null, null, null);
    }
  }

  record MessageDto(String role, String content, String name, String toolCallId, List<ToolCallDto> toolCalls) {
    static MessageDto of(Message m) {
      return new MessageDto(m.role(), m.content(), m.name(), m.toolCallId(),
          m.toolCalls().stream().map(ToolCallDto::of).toList());
    }
  }

  record ToolCallDto(String id, String name, String arguments) {
    static ToolCallDto of(ToolCall c) {
      return new ToolCallDto(c.id(), c.name(), c.arguments());
    }
  }

  record DocumentDto(String id, String content, Double score, String metadata) {
    static DocumentDto of(Document d) {
      return new DocumentDto(d.id(), d.content(), d.score(), d.metadata());
    }
  }

  record EventDto(String name, String time, Map<String, Object> attributes) {
    static EventDto of(SpanEvent e) {
      return new EventDto(e.name(), ApiTimes.format(e.timeUnixNano()), e.attributes());
    }
  }

  record LinkDto(String traceId, String spanId, Map<String, Object> attributes) {
    static LinkDto of(SpanLink l) {
      return new LinkDto(l.traceId(), l.spanId(), l.attributes());
    }
  }

  /** {@code traceStartNanos}: when the trace's first span started, which offsets count from. */
  static UiSpanDto of(StoredSpan stored, long traceStartNanos) {
    Span s = stored.span();
    LlmFields llm = s.llm();
    return new UiSpanDto(s.spanId(), s.traceId(), s.parentSpanId(), s.name(), llm.spanKind().name(), s.kind().name(),
        s.statusCode().name(), s.statusMessage(), ApiTimes.format(s.startTimeUnixNano()),
        Long.toString(s.startTimeUnixNano()), Long.toString(s.endTimeUnixNano()),
        s.startTimeUnixNano() - traceStartNanos, s.endTimeUnixNano() - traceStartNanos, (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1e6, llm.modelName(), llm.provider(),
        Tokens.of(llm.tokens()), Cost.of(s), llm.inputValue(), llm.inputMimeType(), llm.outputValue(), llm.outputMimeType(),
        llm.inputMessages().stream().map(MessageDto::of).toList(),
        llm.outputMessages().stream().map(MessageDto::of).toList(),
        llm.documents().stream().map(DocumentDto::of).toList(), llm.invocationParameters(), llm.sessionId(),
        llm.userId(), llm.metadata(), llm.tags(), s.attributes(), s.events().stream().map(EventDto::of).toList(),
        s.links().stream().map(LinkDto::of).toList(), s.resource(),
        s.scopeName().isEmpty() ? null : s.scopeName() + (s.scopeVersion().isEmpty() ? "" : " " + s.scopeVersion()));
  }
}

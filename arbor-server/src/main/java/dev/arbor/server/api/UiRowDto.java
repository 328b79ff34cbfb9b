package dev.arbor.server.api;

import dev.arbor.model.Span;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceSummary;

/**
 * One row of the UI's trace or span table: what a person scans a list for (status, kind, name, the start of
 * the input and output, time, latency, tokens, cost), not the whole span. Texts are cut to {@link #PREVIEW} characters.
 */
record UiRowDto(String traceId, String spanId, String name, String spanKind, String statusCode, String statusMessage,
    String input, String output, String model, String startTime, double latencyMs, Long spanCount, Long errorCount,
    UiSpanDto.Tokens tokens, UiSpanDto.Cost cost) {
  static final int PREVIEW = 300;

  static UiRowDto ofTrace(TraceSummary t) {
    Span root = t.root().span();
    return of(root, t.spanCount(), t.errorCount(), t.tokens(), UiSpanDto.Cost.of(t.cost()), t.latencyMs());
  }

  static UiRowDto ofSpan(StoredSpan stored) {
    Span s = stored.span();
    return of(s, null, null, s.llm().tokens(), UiSpanDto.Cost.of(s),
        (s.endTimeUnixNano() - s.startTimeUnixNano()) / 1e6);
  }

  private static UiRowDto of(Span s, Long spanCount, Long errorCount, TokenCounts tokens, UiSpanDto.Cost cost,
      double latencyMs) {
    return new UiRowDto(s.traceId(), s.spanId(), s.name(), s.llm().spanKind().name(), s.statusCode().name(),
        s.statusMessage(), preview(s.llm().inputValue()), preview(s.llm().outputValue()), s.llm().modelName(),
        ApiTimes.format(s.startTimeUnixNano()), latencyMs, spanCount, errorCount, UiSpanDto.Tokens.of(tokens),
        cost);
  }

  static String preview(String text) {
    if (text == null || text.length() <= PREVIEW) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(PREVIEW - 1)) ? PREVIEW - 1 : PREVIEW;
    return text.substring(0, end) + "…";
  }
}

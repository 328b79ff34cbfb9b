package dev.arbor.bench;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.store.SpanStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a DuckDB store for the query benchmark with the ingest generator's spans, written through the
 * store (so the data is exactly what ingest stores), varied for filters: every 49th span failed (roots and children alike), sessions of
 * five traces, and one trace of 1,000 spans in the middle.
 */
final class BenchStore {
  static final String PROJECT = "bench";
  static final String BIG_TRACE = "00000000000000000000000000b16b16";
  private static final int BATCH = 5000;

  private BenchStore() {}

  /** Writes {@code total} spans into {@code store} and closes it; returns the seconds it took. */
  static double fill(SpanStore opened, long total) {
    LlmSpanGenerator generator = new LlmSpanGenerator(PROJECT, 11);
    OtlpDecoder decoder = OtlpDecoder.create(524_288);
    SpanNormalizer normalizer = SpanNormalizer.create();
    long started = System.nanoTime();
    long written = 0;
    // The spans are spread evenly over the last 30 days, oldest first, as a month of traffic would be: the
    // dashboards' 30-day figures read all of them.
    long monthAgo = System.currentTimeMillis() * 1_000_000L - MONTH_NANOS;
    try (SpanStore store = opened) {
      while (written < total) {
        int n = (int) Math.min(BATCH, total - written);
        List<Span> spans = new ArrayList<>(n);
        for (Span span : decoder.decode(generator.request(n), null).spans()) {
          long index = written + spans.size();
          Span varied = vary(normalizer.normalize(span), index);
          // A trace's eight spans stay a millisecond apart, as the generator made them.
          spans.add(shift(varied, monthAgo + index / 8 * 8 * (MONTH_NANOS / total) + index % 8 * 1_000_000L
              - varied.startTimeUnixNano()));
        }
        if (written <= total / 2 && written + n > total / 2) {
          spans.addAll(bigTrace(spans.get(0)));
        }
        store.write(spans);
        written += n;
        if (written % 1_000_000 < BATCH) {
          System.err.printf("  %,d spans written in %.0f s%n", written, (System.nanoTime() - started) / 1e9);
        }
      }
      // The server compacts the rollups every 30 s; the benchmark measures them compacted.
      long compacting = System.nanoTime();
      store.maintainRollups();
      System.err.printf("  rollups compacted in %.1f s%n", (System.nanoTime() - compacting) / 1e9);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static final long MONTH_NANOS = 30L * 86_400 * 1_000_000_000L;

  /** The span moved {@code by} nanoseconds, its events with it. */
  private static Span shift(Span span, long by) {
    return span.toBuilder().startTimeUnixNano(span.startTimeUnixNano() + by)
        .endTimeUnixNano(span.endTimeUnixNano() + by)
        .events(span.events().stream().map(e -> dev.arbor.model.SpanEvent.of(e.name(), e.timeUnixNano() + by,
            e.attributes())).toList())
        .build();
  }

  private static Span vary(Span span, long n) {
    long trace = n / 8;
    Span.Builder b = span.toBuilder();
    if (n % 49 == 1) {
      b.statusCode(StatusCode.ERROR).statusMessage("RateLimitError: 429 Too Many Requests");
    }
    LlmFields llm = span.llm();
    java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>(span.attributes());
    attributes.put("session.id", "session-" + trace / 5);
    b.attributes(attributes);
    b.llm(new LlmFields(llm.spanKind(), llm.modelName(), llm.provider(), llm.tokens(), llm.inputValue(),
        llm.inputMimeType(), llm.outputValue(), llm.outputMimeType(), llm.inputMessages(), llm.outputMessages(),
        llm.documents(), "session-" + trace / 5, llm.userId(), llm.metadata(), llm.tags(),
        llm.invocationParameters()));
    return b.build();
  }

  /** A root with 999 children, shaped like the generator's spans. */
  private static List<Span> bigTrace(Span like) {
    List<Span> spans = new ArrayList<>(1000);
    String root = "00000000b16b0001";
    for (int i = 0; i < 1000; i++) {
      spans.add(like.toBuilder().traceId(BIG_TRACE).spanId(String.format("00000000b16b%04x", i + 1))
          .parentSpanId(i == 0 ? null : root).name(i == 0 ? "Big Agent Run" : "ChatCompletion")
          .startTimeUnixNano(like.startTimeUnixNano() + i * 1_000_000L)
          .endTimeUnixNano(like.startTimeUnixNano() + i * 1_000_000L + 500_000L).build());
    }
    return spans;
  }
}

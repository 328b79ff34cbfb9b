package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbor.model.LlmFields;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanEvent;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.Metrics;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.SpanStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixture {@link MetricsContract} and {@link RollupContract} share: the spans they write, and the check that a
 * store's default answer (from rollups where they can answer) agrees with its exact one.
 */
final class MetricsCorpus {
  static final String PROJECT = "metrics";
  static final long HOUR = 3_600_000_000_000L;
  /** Three hours, starting on an hour boundary. */
  static final long T0 = 1_764_000_000_000_000_000L / HOUR * HOUR;
  static final String[] MODELS = {"gpt-4o-mini", "claude-sonnet-4-5", "in-house-llm", null};
  static final TokenPrices[] PRICES = {new TokenPrices(0.15, 0.6, 0.075, null, null),
      new TokenPrices(3, 15, 0.3, 3.75, null), null, null};
  /** The attribute whose text the contracts' stores keep in their rollups: the agents' names of the corpus. */
  static final String ROLLED_UP_ATTRIBUTE = "agent.name";

  private MetricsCorpus() {}

  /** The spans every metrics contract writes: over three hours, four models (one unpriced, one none), failures. */
  static List<Span> spans() {
    Random random = new Random(5);
    List<Span> spans = new ArrayList<>();
    for (int n = 0; n < 600; n++) {
      int model = random.nextInt(MODELS.length);
      long start = T0 + (long) (random.nextDouble() * 3 * HOUR);
      long latency = (1 + random.nextInt(5000)) * 1_000_000L + random.nextInt(1_000_000);
      TokenCounts tokens = MODELS[model] == null ? TokenCounts.NONE : new TokenCounts(100L + random.nextInt(5000),
          10L + random.nextInt(800), null, random.nextBoolean() ? (long) random.nextInt(90) : null,
          random.nextInt(4) == 0 ? 7L : null, random.nextInt(3) == 0 ? 5L : null);
      if (PRICES[model] == null && MODELS[model] != null && n % 2 == 0) {
        // Audio alone: priceable, and unpriced here.
        tokens = new TokenCounts(null, null, null, null, null, null, 300L, null);
      }
      boolean error = random.nextInt(7) == 0;
      // The agent that made the call, as an attribute (absent on some); numbers and booleans read as their text.
      Object agent = switch (n % 5) {
        case 0 -> "triage";
        case 1 -> "summarizer";
        case 2 -> 429L;
        case 3 -> true;
        default -> null;
      };
      Span span = Span.builder().project(PROJECT).traceId(TestSpans.traceId(n / 3)).spanId(TestSpans.spanId(n))
          .parentSpanId(n % 3 == 0 ? null : TestSpans.spanId(n - n % 3)).name(n % 3 == 0 ? "agent" : "chat")
          .kind(OtelKind.INTERNAL).startTimeUnixNano(start).endTimeUnixNano(start + latency)
          .statusCode(error ? StatusCode.ERROR : StatusCode.OK)
          .statusMessage(error ? (random.nextBoolean() ? "429 Too Many Requests" : "timeout") : "")
          .attributes(attributes(agent, error ? n % 4 : -1))
          // Events holding what PostgreSQL's JSONB refuses (NaN, U+0000) still give their exception type.
          .events(!error || n % 3 == 0 ? List.of() : List.of(
              SpanEvent.of("retry", start + 1, java.util.Map.of("attempt", 1L, "backoff", n % 2 == 0 ? Double.NaN : 0.5)),
              SpanEvent.of("exception", start + 2, java.util.Map.of("exception.type",
                  n % 3 == 1 ? "RateLimitError" : "TimeoutError", "exception.message", n % 4 == 1 ? "fail\u0000ed" : "failed")),
              SpanEvent.of("exception", start + 3, java.util.Map.of("exception.type", "Wrapped"))))
          .llm(LlmFields.builder().spanKindIfAbsent(MODELS[model] == null ? SpanKind.CHAIN : SpanKind.LLM)
              .modelNameIfAbsent(MODELS[model]).tokensIfAbsent(tokens).build())
          .build();
      spans.add(PRICES[model] == null ? span : span.toBuilder().cost(PRICES[model].cost(tokens)).build());
    }
    return spans;
  }

  /**
   * The agent's name, and on failed calls an HTTP status under the current key (429), under the older one (503,
   * as text, as some exporters send it), or none.
   */
  private static java.util.Map<String, Object> attributes(Object agent, int http) {
    java.util.Map<String, Object> attributes = new java.util.HashMap<>();
    if (agent != null) {
      attributes.put(ROLLED_UP_ATTRIBUTE, agent);
    }
    if (http == 0) {
      attributes.put("http.response.status_code", 429L);
    } else if (http == 1) {
      attributes.put("http.status_code", "503");
    }
    return attributes;
  }


  /**
   * The store's exact answer (from the spans), after checking that its default answer (from rollups where they can
   * answer) agrees with it: the same rows, counts, token sums and unpriced calls, the cost to 1e-9, and latency
   * percentiles and maximum within 1%.
   */
  static Metrics checkedExact(SpanStore store, MetricsQuery query) {
    Metrics exact = store.metrics(query.exactly(true));
    assertAgree(store.metrics(query), exact);
    return exact;
  }

  static void assertAgree(Metrics fast, Metrics exact) {
    assertThat(fast.rows()).hasSameSizeAs(exact.rows());
    List<MetricsRow> fastRows = new ArrayList<>(fast.rows());
    List<MetricsRow> exactRows = new ArrayList<>(exact.rows());
    if (exact.total() != null || fast.total() != null) {
      assertThat(fast.total()).as("total").isNotNull();
      assertThat(exact.total()).as("total").isNotNull();
      fastRows.add(fast.total());
      exactRows.add(exact.total());
    }
    for (int i = 0; i < exactRows.size(); i++) {
      MetricsRow a = fastRows.get(i);
      MetricsRow e = exactRows.get(i);
      String row = "row " + i + " (" + e.bucketStartUnixNano() + ", " + e.group() + ")";
      assertThat(a.bucketStartUnixNano()).as("bucket of %s", row).isEqualTo(e.bucketStartUnixNano());
      assertThat(a.group()).as("group of %s", row).isEqualTo(e.group());
      assertThat(a.spans()).as("spans of %s", row).isEqualTo(e.spans());
      assertThat(a.errors()).as("errors of %s", row).isEqualTo(e.errors());
      assertThat(a.tokens()).as("tokens of %s", row).isEqualTo(e.tokens());
      assertThat(a.cost().unpricedSpans()).as("unpriced of %s", row).isEqualTo(e.cost().unpricedSpans());
      if (e.cost().cost() == null) {
        assertThat(a.cost().cost()).as("cost of %s", row).isNull();
      } else {
        assertThat(a.cost().cost()).as("cost of %s", row).isCloseTo(e.cost().cost(), within(1e-9));
      }
      double[][] latencies = {{a.latencyP50Ms(), e.latencyP50Ms()}, {a.latencyP95Ms(), e.latencyP95Ms()},
          {a.latencyP99Ms(), e.latencyP99Ms()}, {a.latencyMaxMs(), e.latencyMaxMs()}};
      for (double[] l : latencies) {
        assertThat(Math.abs(l[0] - l[1])).as("latency %s vs exact %s of %s", l[0], l[1], row)
            .isLessThanOrEqualTo(l[1] * 0.01);
      }
    }
  }

}

package dev.arbor.store.tests;

import dev.arbor.model.LlmFields;
import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fixed, varied set of traces for the filter contract: each a CHAIN root with LLM, TOOL and RETRIEVER
 * children, values missing at random (tokens, metadata, tags, attributes), errors, sessions, texts with and
 * without the words the filters look for, and annotations on some spans and traces.
 */
public final class FilterCorpus {
  public static final String PROJECT = "filters";
  private static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "gemini-1.5-pro"};
  private static final String[] PROVIDERS = {"openai", "openai", "anthropic", "google"};
  /** Per million prompt and completion tokens, by model; the last model has no price (its calls cost null). */
  private static final double[][] PRICES = {{2.5, 10}, {0.15, 0.6}, {3, 15}, null};
  private static final String[] TOPICS = {"billing", "shipping", "refunds"};
  private static final String[] TIERS = {"gold", "silver", "bronze"};
  private static final String[] WORDS = {"refund please", "where is my parcel", "Refund NOW", "thanks", "", "naïve café"};

  public final List<Span> spans = new ArrayList<>();
  public final List<AnnotationInput> annotations = new ArrayList<>();

  public FilterCorpus() {
    Random random = new Random(42);
    long n = 0;
    for (int trace = 0; trace < 40; trace++) {
      String traceId = TestSpans.traceId(5000 + trace);
      long start = TestSpans.T0 + trace * 1_000_000_000L;
      String rootId = TestSpans.spanId(n++);
      String session = trace % 4 == 3 ? null : "session-" + (trace % 5);
      spans.add(span(random, traceId, rootId, null, "pipeline", SpanKind.CHAIN, start, session));
      int children = 2 + random.nextInt(5);
      for (int c = 0; c < children; c++) {
        SpanKind kind = switch (c % 3) {
          case 0 -> SpanKind.LLM;
          case 1 -> SpanKind.TOOL;
          default -> SpanKind.RETRIEVER;
        };
        String name = switch (kind) {
          case LLM -> "llm-call";
          case TOOL -> "tool-call";
          default -> "retrieve";
        };
        spans.add(span(random, traceId, TestSpans.spanId(n++), rootId, name, kind,
            start + (c + 1) * 10_000_000L, random.nextInt(3) == 0 ? null : session));
      }
      if (trace % 3 == 0) {
        annotations.add(annotation(AnnotationTarget.TRACE, traceId, "thumbs", trace % 2 == 0 ? "up" : "down", null));
      }
    }
    for (int i = 0; i < spans.size(); i += 4) {
      Span s = spans.get(i);
      double score = (i % 7) / 6.0;
      annotations.add(annotation(AnnotationTarget.SPAN, s.spanId(), "correctness",
          score >= 0.5 ? "correct" : "wrong", i % 8 == 0 ? null : score));
    }
    // Two annotations of one name on one span (different identifiers): the later one is what filters read.
    annotations.add(new AnnotationInput(AnnotationTarget.SPAN, spans.get(4).spanId(), null, "correctness", "HUMAN",
        "correct", 0.95, null, Map.of(), "second-opinion", "API"));
  }

  private static AnnotationInput annotation(AnnotationTarget target, String id, String name, String label,
      Double score) {
    return new AnnotationInput(target, id, null, name, "LLM", label, score, "because", Map.of("run", 1L), "", "API");
  }

  private static Span span(Random random, String traceId, String spanId, String parentId, String name,
      SpanKind kind, long start, String session) {
    long latency = (20 + random.nextInt(480)) * 1_000_000L + random.nextInt(1000);
    boolean error = random.nextInt(5) == 0;
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("openinference.span.kind", kind.name());
    LlmFields.Builder llm = LlmFields.builder().spanKindIfAbsent(kind).sessionIdIfAbsent(session);
    String input = WORDS[random.nextInt(WORDS.length)];
    if (random.nextInt(4) > 0) {
      llm.inputIfAbsent(input, "text/plain");
      if (random.nextBoolean()) {
        attributes.put("input.value", input);
      }
    }
    if (random.nextInt(3) > 0) {
      llm.outputIfAbsent(WORDS[random.nextInt(WORDS.length)] + " done", "text/plain");
    }
    if (kind == SpanKind.LLM) {
      int model = random.nextInt(MODELS.length);
      llm.modelNameIfAbsent(MODELS[model]).providerIfAbsent(PROVIDERS[model]);
      if (random.nextInt(4) > 0) {
        long prompt = 50 + random.nextInt(400);
        long completion = 10 + random.nextInt(200);
        llm.tokensIfAbsent(new TokenCounts(prompt, completion, prompt + completion,
            random.nextBoolean() ? (long) random.nextInt(50) : null, null, null));
      }
    }
    if (kind == SpanKind.RETRIEVER) {
      attributes.put("retrieval.top_k", (long) (1 + random.nextInt(8)));
    }
    switch (random.nextInt(4)) {
      case 0 -> attributes.put("flag", true);
      case 1 -> attributes.put("flag", false);
      default -> { }
    }
    if (random.nextBoolean()) {
      attributes.put("score.text", String.valueOf(random.nextInt(100) / 100.0));
    } else if (Math.floorMod(spanId.hashCode(), 5) == 0) {
      // Numbers that text can hold and a double cannot (they read as ±infinity and zero, never as an error), and
      // words some databases read as numbers. Chosen from the span id, so the corpus's other values stay as they were.
      attributes.put("score.text", List.of("1e400", "-1e400", "1e-400", "0." + "0".repeat(400) + "1", " 2.5e1 ", "nan",
          "inf").get(Math.floorMod(spanId.hashCode() / 5, 7)));
    }
    if (random.nextInt(5) == 0) {
      attributes.put("nested", Map.of("inner", random.nextBoolean() ? "x" : "y"));
    }
    if (random.nextInt(3) == 0) {
      llm.metadataIfAbsent("{\"topic\":\"" + TOPICS[random.nextInt(TOPICS.length)] + "\",\"tier\":\""
          + TIERS[random.nextInt(TIERS.length)] + "\",\"n\":" + random.nextInt(5) + "}");
    }
    if (random.nextInt(3) == 0) {
      llm.tagsIfAbsent(random.nextBoolean() ? List.of("vip", "eu") : List.of("eu"));
    }
    if (random.nextInt(4) == 0) {
      llm.userIdIfAbsent("user-" + random.nextInt(3));
    }
    LlmFields fields = llm.build();
    return Span.builder().project(PROJECT).traceId(traceId).spanId(spanId).parentSpanId(parentId).name(name)
        .kind(OtelKind.INTERNAL).startTimeUnixNano(start).endTimeUnixNano(start + latency)
        .statusCode(error ? StatusCode.ERROR : StatusCode.OK)
        .statusMessage(error ? (random.nextBoolean() ? "timeout" : "") : "")
        .attributes(attributes).llm(fields).cost(cost(fields)).build();
  }

  /** A cost from the tokens, without drawing from the random source, so the corpus's other values stay as they were. */
  private static SpanCost cost(LlmFields llm) {
    int model = java.util.Arrays.asList(MODELS).indexOf(llm.modelName());
    if (model < 0 || PRICES[model] == null || !llm.tokens().hasPriceableCounts()) {
      return SpanCost.NONE;
    }
    return new TokenPrices(PRICES[model][0], PRICES[model][1], null, null, null).cost(llm.tokens());
  }
}

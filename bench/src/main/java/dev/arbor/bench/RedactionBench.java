package dev.arbor.bench;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.model.redaction.Detector;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.Redactor;
import dev.arbor.otlp.OtlpDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What redaction at ingest costs, per span, beside normalising (the step after it), over the same decoded LLM
 * spans in one run: every built-in rule over the default attributes, on spans with nothing to find (the common
 * case) and on the same spans with an e-mail address, a phone number and a card number in one span in ten.
 *
 * <p>{@code ./arbor bench redaction [--runs 7]}
 */
public final class RedactionBench {
  private static final int SPANS = 50_000;

  private RedactionBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 7;
    LlmSpanGenerator generator = new LlmSpanGenerator("redaction", 7);
    OtlpDecoder decoder = OtlpDecoder.create(524_288);
    List<Span> clean = new ArrayList<>(SPANS);
    while (clean.size() < SPANS) {
      clean.addAll(decoder.decode(generator.request(1000), null).spans());
    }
    List<Span> personal = new ArrayList<>(SPANS);
    for (int i = 0; i < clean.size(); i++) {
      Span span = clean.get(i);
      if (i % 10 == 0) {
        Map<String, Object> attributes = new LinkedHashMap<>(span.attributes());
        attributes.put("input.value", "Customer ana.lopez@example.com, +44 20 7946 0958, card 4111 1111 1111 1111. "
            + attributes.getOrDefault("input.value", ""));
        span = span.toBuilder().attributes(attributes).build();
      }
      personal.add(span);
    }
    List<RedactionRule> rules = new ArrayList<>();
    for (Detector d : Detector.values()) {
      rules.add(RedactionRule.builtIn(d));
    }
    Redactor redactor = Redactor.of(rules);
    SpanNormalizer normalizer = SpanNormalizer.create();
    long[] sink = new long[1];
    Timings normalize = Timings.of(2, runs, () -> clean.forEach(s -> sink[0] += normalizer.normalize(s).hashCode()));
    Timings redactClean = Timings.of(2, runs, () -> clean.forEach(s -> sink[0] += redactor.redact(s).hashCode()));
    Timings redactPersonal = Timings.of(2, runs,
        () -> personal.forEach(s -> sink[0] += redactor.redact(s).hashCode()));
    double base = normalize.percentile(0.5) * 1e6 / SPANS;
    double a = redactClean.percentile(0.5) * 1e6 / SPANS;
    double b = redactPersonal.percentile(0.5) * 1e6 / SPANS;
    System.out.printf(Locale.ROOT, "%nRedaction at ingest, per span (median of %d passes over %,d LLM spans of %d to %d"
        + " KB of text, %d built-in rules over the default attributes):%n| step | ns per span | × normalising |%n"
        + "|---|---|---|%n| normalise (baseline) | %.0f | 1.00 |%n| redact, nothing to find | %.0f | %.2f |%n"
        + "| redact, personal data in 1 span in 10 | %.0f | %.2f |%n", runs, SPANS, 2, 4, rules.size(), base, a, a / base,
        b, b / base);
    if (sink[0] == 42) {
      System.out.println();
    }
  }
}

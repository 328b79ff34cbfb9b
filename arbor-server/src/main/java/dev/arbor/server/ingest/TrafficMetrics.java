package dev.arbor.server.ingest;

import dev.arbor.model.Span;
import dev.arbor.model.SpanKind;
import dev.arbor.model.StatusCode;
import dev.arbor.model.TokenCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics of the LLM traffic itself, by project and model, counted from the spans a commit newly
 * stored (an exporter's retry is not counted twice): calls, failed calls, tokens by type, cost in US dollars,
 * calls without a price, and a latency histogram. A call is a span of kind LLM or one that reported tokens.
 * At most {@link #MAX_SERIES} (project, model) pairs get their own series; the rest are counted under project
 * and model {@code other}, so that a stream of distinct names cannot exhaust memory.
 */
final class TrafficMetrics {
  static final int MAX_SERIES = 500;
  private static final String OTHER = "other";

  private final MeterRegistry registry;
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();

  TrafficMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The meters of one (project, model) pair. */
  private record Meters(Counter calls, Counter errors, Counter prompt, Counter completion, Counter cacheRead,
      Counter cacheWrite, Counter reasoning, Counter promptAudio, Counter completionAudio, Counter cost,
      Counter unpriced, Timer latency) {}

  void record(List<Span> stored) {
    for (Span span : stored) {
      TokenCounts tokens = span.llm().tokens();
      if (span.llm().spanKind() != SpanKind.LLM && !tokens.hasPriceableCounts()) {
        continue;
      }
      Meters m = meters(span.project(), span.llm().modelName() == null ? "unknown" : span.llm().modelName());
      m.calls.increment();
      if (span.statusCode() == StatusCode.ERROR) {
        m.errors.increment();
      }
      add(m.prompt, tokens.prompt());
      add(m.completion, tokens.completion());
      add(m.cacheRead, tokens.cacheRead());
      add(m.cacheWrite, tokens.cacheWrite());
      add(m.reasoning, tokens.reasoning());
      add(m.promptAudio, tokens.promptAudio());
      add(m.completionAudio, tokens.completionAudio());
      if (span.cost().isPriced()) {
        m.cost.increment(span.cost().total());
      } else if (tokens.hasPriceableCounts()) {
        m.unpriced.increment();
      }
      m.latency.record(Math.max(0, span.endTimeUnixNano() - span.startTimeUnixNano()), TimeUnit.NANOSECONDS);
    }
  }

  private static void add(Counter counter, Long value) {
    if (value != null && value > 0) {
      counter.increment(value);
    }
  }

  private Meters meters(String project, String model) {
    String key = project + '\u0000' + model;
    Meters found = meters.get(key);
    if (found != null) {
      return found;
    }
    if (meters.size() >= MAX_SERIES) {
      return meters.computeIfAbsent(OTHER + '\u0000' + OTHER, k -> create(OTHER, OTHER));
    }
    return meters.computeIfAbsent(key, k -> create(project, model));
  }

  private Meters create(String project, String model) {
    return new Meters(
        counter("arbor.llm.calls", "LLM calls stored", project, model),
        counter("arbor.llm.errors", "LLM calls stored with status ERROR", project, model),
        tokens("prompt", project, model), tokens("completion", project, model), tokens("cache_read", project, model),
        tokens("cache_write", project, model), tokens("reasoning", project, model),
        tokens("prompt_audio", project, model), tokens("completion_audio", project, model),
        Counter.builder("arbor.llm.cost").baseUnit("usd").description("Cost of the LLM calls stored, in US dollars")
            .tags("project", project, "model", model).register(registry),
        counter("arbor.llm.unpriced.calls", "LLM calls with tokens but no price for their model", project, model),
        Timer.builder("arbor.llm.latency").description("Latency of the LLM calls stored")
            .tags("project", project, "model", model).publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry));
  }

  private Counter counter(String name, String description, String project, String model) {
    return Counter.builder(name).description(description).tags("project", project, "model", model)
        .register(registry);
  }

  /**
   * Prompt tokens include their cache reads and writes and prompt audio, and completion tokens their reasoning and
   * completion audio ones.
   */
  private Counter tokens(String type, String project, String model) {
    return Counter.builder("arbor.llm.tokens").description("Tokens of the LLM calls stored, by type")
        .tags("project", project, "model", model, "type", type).register(registry);
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.context.Scope;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.server.config.ArborConfig;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Costs end to end, through the real OTLP exporter and the API: each token type at its own bundled price, an
 * unknown model shown as unknown (never $0), a price added and a project's override recomputing stored costs,
 * and the filter on cost. Expected figures are worked out here by hand from the published prices.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITCosts {
  private static final String PROJECT = "costs-it";

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  // gpt-4o-mini (0.15 in, 0.60 out, 0.075 cache read per 1M): 2,000 uncached + 8,000 cached prompt, 500 out.
  private static final double MINI = (2_000 * 0.15 + 500 * 0.60 + 8_000 * 0.075) / 1e6;
  // claude-sonnet-4-5 (3 in, 15 out, 0.30 cache read): Anthropic-style counts, input excludes the 3,000 cached.
  private static final double SONNET = (200 * 3.0 + 100 * 15.0 + 3_000 * 0.30) / 1e6;
  // in-house-llm, once priced at 1 in and 4 out: 1,000 in, 100 out.
  private static final double IN_HOUSE = (1_000 * 1.0 + 100 * 4.0) / 1e6;
  // gpt-4o-mini under the project's override (0.30 in, 1.20 out, no cache price: cache reads at the input price).
  private static final double MINI_OVERRIDE = (2_000 * 0.30 + 500 * 1.20 + 8_000 * 0.30) / 1e6;

  @Test
  @Order(1)
  void bundledPrices_priceEachTokenTypeAndLeaveAnUnknownModelUnknown() {
    sendTrace(running.server().httpPort(), PROJECT);

    Map<String, JsonNode> spans = spansByName();
    assertThat(spans.get("mini").at("/cost/total").asDouble()).isCloseTo(MINI, within(1e-12));
    assertThat(spans.get("mini").at("/cost/cache_read").asDouble()).isCloseTo(8_000 * 0.075 / 1e6, within(1e-12));
    assertThat(spans.get("sonnet").at("/cost/total").asDouble()).isCloseTo(SONNET, within(1e-12));
    assertThat(spans.get("in-house").at("/cost/total").isNull()).as("unknown, not $0").isTrue();
    assertThat(spans.get("in-house").at("/cost/unpriced_spans").asLong()).isEqualTo(1);
    assertThat(spans.get("pipeline").at("/cost/unpriced_spans").asLong()).as("no tokens: nothing to price").isZero();
    JsonNode trace = trace();
    assertThat(trace.at("/cost/total").asDouble()).isCloseTo(MINI + SONNET, within(1e-12));
    assertThat(trace.at("/cost/unpriced_spans").asLong()).isEqualTo(1);
    JsonNode stats = running.api().getJson("/api/projects/" + PROJECT + "/stats").get("data");
    assertThat(stats.at("/cost/total").asDouble()).isCloseTo(MINI + SONNET, within(1e-12));
  }

  @Test
  @Order(1)
  void audioTokens_arePricedAtTheModelsAudioPrices() {
    // gpt-4o-audio-preview (2.5 in, 10 out, 40 audio in, 80 audio out): 1,000 prompt tokens of which 600 audio,
    // 300 completion tokens of which 200 audio, as OpenInference reports them.
    OtelSender.send(running.server().httpPort(), "costs-audio", tracer -> tracer.spanBuilder("voice")
        .setAttribute("openinference.span.kind", "LLM").setAttribute("llm.provider", "openai")
        .setAttribute("llm.model_name", "gpt-4o-audio-preview-2024-12-17")
        .setAttribute("llm.token_count.prompt", 1_000L).setAttribute("llm.token_count.completion", 300L)
        .setAttribute("llm.token_count.prompt_details.audio", 600L)
        .setAttribute("llm.token_count.completion_details.audio", 200L).startSpan().end());

    JsonNode voice = spansByName(running.api(), "costs-audio").get("voice");
    assertThat(voice.at("/tokens/prompt_audio").asLong()).isEqualTo(600);
    assertThat(voice.at("/tokens/completion_audio").asLong()).isEqualTo(200);
    assertThat(voice.at("/cost/audio").asDouble()).isCloseTo((600 * 40.0 + 200 * 80.0) / 1e6, within(1e-12));
    assertThat(voice.at("/cost/input").asDouble()).isCloseTo(400 * 2.5 / 1e6, within(1e-12));
    assertThat(voice.at("/cost/output").asDouble()).isCloseTo(100 * 10.0 / 1e6, within(1e-12));
    assertThat(voice.at("/cost/total").asDouble())
        .isCloseTo((400 * 2.5 + 100 * 10.0 + 600 * 40.0 + 200 * 80.0) / 1e6, within(1e-12));
  }

  @Test
  @Order(2)
  void prometheusMetrics_countTheLlmTrafficByProjectAndModel() {
    String metrics = ApiClient.text(running.api().get("/metrics"));
    String mini = "model=\"gpt-4o-mini-2024-07-18\",project=\"" + PROJECT + "\"";
    String inHouse = "model=\"in-house-llm\",project=\"" + PROJECT + "\"";

    assertThat(sample(metrics, "arbor_llm_calls_total{" + mini + "}")).isEqualTo(1);
    assertThat(sample(metrics, "arbor_llm_cost_usd_total{" + mini + "}")).isCloseTo(MINI, within(1e-12));
    assertThat(sample(metrics, "arbor_llm_tokens_total{" + mini + ",type=\"cache_read\"}")).isEqualTo(8_000);
    assertThat(sample(metrics, "arbor_llm_tokens_total{" + mini + ",type=\"prompt\"}")).isEqualTo(10_000);
    assertThat(sample(metrics, "arbor_llm_unpriced_calls_total{" + inHouse + "}")).isEqualTo(1);
    assertThat(sample(metrics, "arbor_llm_latency_seconds_count{" + inHouse + "}")).isEqualTo(1);
    assertThat(metrics).as("the CHAIN root is not an LLM call").doesNotContain("model=\"unknown\",project=\""
        + PROJECT + "\"");
  }

  /** The value of one sample line of Prometheus' text format. */
  private static double sample(String metrics, String series) {
    return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no sample " + series));
  }

  @Test
  @Order(3)
  void costFilter_selectsSpansAndTraces() {
    assertThat(running.api().getJson("/api/projects/" + PROJECT + "/spans?filter=" + encode("total_cost > 0.002"))
        .get("data")).extracting(s -> s.get("name").asText()).containsExactly("sonnet");
    assertThat(running.api().getJson("/api/projects/" + PROJECT + "/traces?filter=" + encode("total_cost > 0.004"))
        .get("data")).hasSize(1);
    assertThat(running.api().getJson("/api/projects/" + PROJECT + "/traces?filter=" + encode("total_cost > 0.005"))
        .get("data")).isEmpty();
  }

  @Test
  @Order(4)
  void addingAPrice_recomputesStoredCosts() {
    HttpResponse<byte[]> created = running.api().send("POST", "/api/prices",
        "{\"name\": \"in-house-llm\", \"input\": 1, \"output\": 4, \"prices_as_of\": \"2026-11-01\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(ApiClient.json(created).at("/data/source").asText()).isEqualTo("custom");

    awaitRecompute();

    assertThat(spansByName().get("in-house").at("/cost/total").asDouble()).isCloseTo(IN_HOUSE, within(1e-12));
    assertThat(trace().at("/cost/total").asDouble()).isCloseTo(MINI + SONNET + IN_HOUSE, within(1e-12));
    assertThat(trace().at("/cost/unpriced_spans").asLong()).isZero();
  }

  @Test
  @Order(5)
  void aProjectsOverride_winsForThatProjectAndIsRecomputed() {
    HttpResponse<byte[]> created = running.api().send("POST", "/api/prices", "{\"project\": \"" + PROJECT + "\","
        + " \"provider\": \"openai\", \"name\": \"gpt-4o-mini\", \"input\": 0.3, \"output\": 1.2}");
    assertThat(created.statusCode()).isEqualTo(201);
    long id = ApiClient.json(created).at("/data/id").asLong();

    awaitRecompute();
    assertThat(spansByName().get("mini").at("/cost/total").asDouble()).isCloseTo(MINI_OVERRIDE, within(1e-12));
    JsonNode match = running.api().getJson("/api/prices/match?project=" + PROJECT + "&provider=openai&model=gpt-4o-mini");
    assertThat(match.at("/data/price/id").asLong()).isEqualTo(id);
    assertThat(running.api().getJson("/api/prices/match?project=other&model=gpt-4o-mini").at("/data/price/source")
        .asText()).isEqualTo("bundled");

    assertThat(running.api().send("DELETE", "/api/prices/" + id, null).statusCode()).isEqualTo(204);
    awaitRecompute();
    assertThat(spansByName().get("mini").at("/cost/total").asDouble()).isCloseTo(MINI, within(1e-12));
  }

  @Test
  @Order(6)
  void badPrices_areRefusedWithTheFieldNamed() {
    assertThat(text(running.api().send("POST", "/api/prices", "{\"name\": \"m\", \"input\": 1}")))
        .isEqualTo("422 output is required");
    assertThat(text(running.api().send("POST", "/api/prices", "{\"name\": \"m\", \"pattern\": \"m(\", \"input\": 1,"
        + " \"output\": 1}"))).startsWith("422 pattern is not a valid regular expression");
    assertThat(text(running.api().send("POST", "/api/prices", "{\"name\": \"m\", \"input\": -1, \"output\": 1}")))
        .startsWith("422 input must be a price per million tokens");
    assertThat(running.api().send("PUT", "/api/prices/999999", "{\"name\": \"m\", \"input\": 1, \"output\": 1}")
        .statusCode()).isEqualTo(404);
    assertThat(running.api().send("DELETE", "/api/prices/bundled", null).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void priceList_showsEverySourceWithItsDate() {
    JsonNode prices = running.api().getJson("/api/prices?project=" + PROJECT).get("data");

    assertThat(prices).anySatisfy(p -> {
      assertThat(p.get("source").asText()).isEqualTo("bundled");
      assertThat(p.get("prices_as_of").asText()).isNotEmpty();
    });
    assertThat(prices).anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("in-house-llm"));
  }

  private static String text(HttpResponse<byte[]> response) {
    return response.statusCode() + " " + ApiClient.text(response);
  }

  private static void awaitRecompute() {
    awaitRecompute(running.api());
  }

  private static void awaitRecompute(ApiClient api) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = api.getJson("/api/prices/recompute").get("data");
      if (status.get("state").asText().equals("idle") && !status.get("finished_at").isNull()) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("costs were not recomputed within 30 s");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode trace() {
    return running.api().getJson("/api/projects/" + PROJECT + "/traces").get("data").get(0);
  }

  private static Map<String, JsonNode> spansByName() {
    return spansByName(running.api(), PROJECT);
  }

  private static Map<String, JsonNode> spansByName(ApiClient api, String project) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode span : api.getJson("/api/projects/" + project + "/spans").get("data")) {
      byName.put(span.get("name").asText(), span);
    }
    return byName;
  }

  /** A pipeline root with three LLM calls: OpenInference with a cache, GenAI in Anthropic's style, an unknown model. */
  private static void sendTrace(int port, String project) {
    OtelSender.send(port, project, tracer -> {
      io.opentelemetry.api.trace.Span root = tracer.spanBuilder("pipeline")
          .setAttribute("openinference.span.kind", "CHAIN").startSpan();
      try (Scope ignored = root.makeCurrent()) {
        tracer.spanBuilder("mini").setAttribute("openinference.span.kind", "LLM")
            .setAttribute("llm.provider", "openai").setAttribute("llm.model_name", "gpt-4o-mini-2024-07-18")
            .setAttribute("llm.token_count.prompt", 10_000L).setAttribute("llm.token_count.completion", 500L)
            .setAttribute("llm.token_count.prompt_details.cache_read", 8_000L).startSpan().end();
        tracer.spanBuilder("sonnet").setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.provider.name", "anthropic").setAttribute("gen_ai.request.model", "claude-sonnet-4-5")
            .setAttribute("gen_ai.usage.input_tokens", 200L).setAttribute("gen_ai.usage.output_tokens", 100L)
            .setAttribute("gen_ai.usage.cache_read.input_tokens", 3_000L).startSpan().end();
        tracer.spanBuilder("in-house").setAttribute("openinference.span.kind", "LLM")
            .setAttribute("llm.model_name", "in-house-llm")
            .setAttribute("llm.token_count.prompt", 1_000L).setAttribute("llm.token_count.completion", 100L)
            .startSpan().end();
      }
      root.end();
    });
  }

  @Test
  @Order(8)
  void aChangedPriceFile_recomputesStoredCostsAtTheNextStart(@TempDir Path dir) {
    ArborConfig config = RunningServer.testConfig(dir);
    TokenPrices before = new TokenPrices(1, 1, null, null, null);
    TokenPrices after = new TokenPrices(10, 20, null, null, null);
    try (ArborServer first = ArborServer.start(config.withPrices(List.of(filePrice(before))))) {
      sendTrace(first.httpPort(), "restart");
      assertThat(spansByName(new ApiClient(first.httpPort()), "restart").get("in-house").at("/cost/total").asDouble())
          .isCloseTo((1_000 * 1.0 + 100 * 1.0) / 1e6, within(1e-12));
    }

    try (ArborServer second = ArborServer.start(config.withPrices(List.of(filePrice(after))))) {
      ApiClient api = new ApiClient(second.httpPort());
      awaitRecompute(api);
      assertThat(spansByName(api, "restart").get("in-house").at("/cost/total").asDouble())
          .isCloseTo((1_000 * 10.0 + 100 * 20.0) / 1e6, within(1e-12));
      assertThat(spansByName(api, "restart").get("mini").at("/cost/total").asDouble()).isCloseTo(MINI, within(1e-12));
    }
  }

  private static ModelPrice filePrice(TokenPrices prices) {
    return new ModelPrice(null, null, null, "in-house-llm", null, prices, PriceSource.FILE, null);
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.server.config.ArborConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The real OpenTelemetry SDK exporters and OTLP/JSON fixtures against a real server; every span read back. */
class ITOtlpIngest {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  /** Sends a small agent trace (agent → LLM call with an exception) through {@code exporter}. */
  private static void sendAgentTrace(SpanExporter exporter, String project) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("openinference.project.name"), project))))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    Tracer tracer = provider.get("arbor-it");
    io.opentelemetry.api.trace.Span agent = tracer.spanBuilder("agent")
        .setAttribute("openinference.span.kind", "AGENT").startSpan();
    try (Scope ignored = agent.makeCurrent()) {
      io.opentelemetry.api.trace.Span llm = tracer.spanBuilder("ChatCompletion")
          .setAttribute("openinference.span.kind", "LLM")
          .setAttribute("llm.model_name", "gpt-4o-mini")
          .setAttribute("llm.token_count.prompt", 120L)
          .setAttribute("temperature", 0.5)
          .setAttribute(AttributeKey.stringArrayKey("tag.tags"), List.of("a", "b"))
          .setAttribute("input.value", "What is wrong with ticket 42?")
          .startSpan();
      llm.recordException(new IllegalStateException("429 Too Many Requests"));
      llm.setStatus(StatusCode.ERROR, "rate limited");
      llm.end();
    }
    agent.end();
    CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
    provider.shutdown().join(20, TimeUnit.SECONDS);
    assertThat(flushed.isSuccess()).as("export acknowledged").isTrue();
  }

  private static Map<String, JsonNode> byName(List<JsonNode> spans) {
    return spans.stream().collect(Collectors.toMap(s -> s.get("name").asText(), Function.identity()));
  }

  private static void assertAgentTrace(String project) {
    Map<String, JsonNode> spans = byName(running.api().allSpans(project));
    assertThat(spans).containsOnlyKeys("agent", "ChatCompletion");
    JsonNode agent = spans.get("agent");
    JsonNode llm = spans.get("ChatCompletion");
    assertThat(agent.get("parent_id").isNull()).isTrue();
    assertThat(agent.get("span_kind").asText()).isEqualTo("AGENT");
    assertThat(llm.get("parent_id").asText()).isEqualTo(agent.get("context").get("span_id").asText());
    assertThat(llm.get("context").get("trace_id").asText()).isEqualTo(agent.get("context").get("trace_id").asText());
    assertThat(llm.get("span_kind").asText()).isEqualTo("LLM");
    assertThat(llm.get("status_code").asText()).isEqualTo("ERROR");
    assertThat(llm.get("status_message").asText()).isEqualTo("rate limited");
    JsonNode attributes = llm.get("attributes");
    assertThat(attributes.get("llm.model_name").asText()).isEqualTo("gpt-4o-mini");
    assertThat(attributes.get("llm.token_count.prompt").asLong()).isEqualTo(120L);
    assertThat(attributes.get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(attributes.get("tag.tags").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(llm.get("events").get(0).get("name").asText()).isEqualTo("exception");
    assertThat(llm.get("events").get(0).get("attributes").get("exception.message").asText())
        .isEqualTo("429 Too Many Requests");
  }

  @Test
  void grpcExporter_spansReadBackWithAttributes() {
    sendAgentTrace(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + running.server().grpcPort())
        .setCompression("gzip").build(), "via-grpc");

    assertAgentTrace("via-grpc");
  }

  @Test
  void httpProtobufExporter_spansReadBackWithAttributes() {
    sendAgentTrace(OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + running.server().httpPort() + "/v1/traces").build(), "via-http");

    assertAgentTrace("via-http");
  }

  @Test
  void httpProtobufExporter_gzip() {
    sendAgentTrace(OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + running.server().httpPort() + "/v1/traces").setCompression("gzip").build(),
        "via-http-gzip");

    assertAgentTrace("via-http-gzip");
  }

  @Test
  void langfusePath_takesTheLangfuseExporter() {
    sendAgentTrace(OtlpHttpSpanExporter.builder()
        .setEndpoint("http://127.0.0.1:" + running.server().httpPort() + "/api/public/otel/v1/traces").build(), "via-langfuse");

    assertAgentTrace("via-langfuse");
  }

  @Test
  void projectHeader_winsOverTheResourceAttribute() {
    sendAgentTrace(OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + running.server().grpcPort())
        .addHeader("x-project-name", "from-header").build(), "from-resource");

    assertAgentTrace("from-header");
    assertThat(running.api().getJson("/v1/projects?limit=1000").get("data").findValuesAsText("name"))
        .contains("from-header").doesNotContain("from-resource");
  }

  /** A golden OTLP/JSON fixture with its trace id replaced, so that each test stores its own spans. */
  static byte[] fixture(String name, String traceId) throws Exception {
    String json = Files.readString(Path.of("../arbor-otlp/src/test/resources/otlp-json/" + name));
    return json.replace(FIXTURE_TRACE_ID, traceId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static final String FIXTURE_TRACE_ID = "5b8efff798038103d269b633813fc60c";

  @Test
  void otlpJsonFixture_isStoredAndAnsweredInJson() throws Exception {
    byte[] fixture = fixture("llm-trace.json", FIXTURE_TRACE_ID);

    var response = running.api().post("/v1/traces", "application/json", fixture, "x-project-name", "json-fixture");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(ApiClient.text(response)).isEqualTo("{}");
    Map<String, JsonNode> spans = byName(running.api().allSpans("json-fixture"));
    assertThat(spans).containsOnlyKeys("Process Tickets", "ChatCompletion");
    JsonNode llm = spans.get("ChatCompletion");
    assertThat(llm.get("context").get("trace_id").asText()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(llm.get("start_time").asText()).isEqualTo("2018-12-13T14:51:00.100000Z");
    assertThat(llm.get("attributes").get("nested").get("inner").asLong()).isEqualTo(7);
  }

  @Test
  void otlpJsonOnTheLangfusePath() throws Exception {
    byte[] fixture = fixture("llm-trace.json", "1b8efff798038103d269b633813fc60c");

    var response = running.api().post("/api/public/otel/v1/traces", "application/json", fixture, "x-project-name", "lf-json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(running.api().allSpans("lf-json")).hasSize(2);
  }

  @Test
  void invalidSpans_areCountedInPartialSuccess_andTheRestStored() throws Exception {
    byte[] fixture = Files.readAllBytes(Path.of("../arbor-otlp/src/test/resources/otlp-json/invalid-spans.json"));

    var response = running.api().post("/v1/traces", "application/json", fixture, "x-project-name", "partial");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    assertThat(body.get("partialSuccess").get("rejectedSpans").asText()).isEqualTo("4");
    assertThat(body.get("partialSuccess").get("errorMessage").asText()).contains("trace id");
    assertThat(running.api().allSpans("partial")).extracting(s -> s.get("name").asText()).containsExactly("valid");
  }

  @Test
  void resentSpans_areStoredOnce() {
    byte[] body = OtlpRequests.llmSpans("resent", 0, 50, 100).toByteArray();

    for (int i = 0; i < 3; i++) {
      assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);
    }
    byte[] overlapping = OtlpRequests.llmSpans("resent", 25, 50, 100).toByteArray();
    assertThat(running.api().post("/v1/traces", "application/x-protobuf", overlapping).statusCode()).isEqualTo(200);

    assertThat(running.api().allSpans("resent")).hasSize(75);
  }

  @Test
  void hugeAttributeValue_isTruncatedWithAVisibleMarker(@TempDir Path dir) {
    ArborConfig config = RunningServer.testConfig(dir)
        .withMaxAttributeChars(2048);
    try (ArborServer small = ArborServer.start(config)) {
      ApiClient client = new ApiClient(small.httpPort());
      byte[] body = OtlpRequests.llmSpans("truncated", 0, 1, 10_000).toByteArray();

      assertThat(client.post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);

      String input = client.allSpans("truncated").get(0).get("attributes").get("input.value").asText();
      assertThat(input).hasSize(2048 + "…[truncated 7963 chars]".length()).endsWith("…[truncated 7963 chars]");
      assertThat(ApiClient.text(client.get("/metrics"))).contains("arbor_attribute_values_truncated_total 2.0");
    }
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.StatusCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alert rules against a real server and a local webhook receiver: a rule fires, notifies in generic JSON or
 * Slack's shape, resolves, keeps its history, survives a webhook that does not answer, runs on its schedule,
 * and bad rules are refused with the field named.
 */
class ITAlerts {
  private static final String PROJECT = "alerts-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withAlertIntervalSeconds(5));

  private static HttpServer receiver;
  private static final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    sendCalls(3, 2);
  }

  @AfterAll
  static void stop() {
    receiver.stop(0);
  }

  private static String hook(String name) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/" + name;
  }

  /** {@code calls} LLM calls ending now, {@code failed} of them with status ERROR. */
  private static void sendCalls(int calls, int failed) {
    OtelSender.send(running.server().httpPort(), PROJECT, tracer -> {
      for (int i = 0; i < calls; i++) {
        var span = tracer.spanBuilder("chat").setAttribute("openinference.span.kind", "LLM")
            .setAttribute("llm.model_name", "gpt-4o-mini").startSpan();
        if (i < failed) {
          span.setStatus(StatusCode.ERROR, "429 Too Many Requests");
        }
        span.end();
      }
    });
  }

  private static long create(String json) {
    var response = running.api().send("POST", "/api/alerts", json);
    assertThat(response.statusCode()).as(ApiClient.text(response)).isEqualTo(201);
    return ApiClient.json(response).at("/data/id").asLong();
  }

  private static String next() throws InterruptedException {
    String body = received.poll(20, TimeUnit.SECONDS);
    assertThat(body).as("a webhook call").isNotNull();
    return body;
  }

  @Test
  void errorRateRule_firesNotifiesInJson_thenResolves_andKeepsItsHistory() throws Exception {
    String rule = "{\"name\": \"LLM errors\", \"project\": \"" + PROJECT + "\", \"filter\": \"span_kind == 'LLM'\","
        + " \"metric\": \"error_rate\", \"window_seconds\": 600, \"comparison\": \"above\", \"threshold\": %s,"
        + " \"webhook_url\": \"" + hook("json") + "\"}";
    long id = create(rule.formatted("0.3"));

    running.api().send("POST", "/api/alerts/evaluate", null);
    String firing = next();
    assertThat(firing).startsWith("/hook/json ");
    JsonNode body = JSON.readTree(firing.substring("/hook/json ".length()));
    assertThat(body.get("state").asText()).isEqualTo("firing");
    assertThat(body.get("value").asDouble()).isEqualTo(2.0 / 3);
    assertThat(body.at("/rule/name").asText()).isEqualTo("LLM errors");
    assertThat(body.at("/rule/threshold").asDouble()).isEqualTo(0.3);
    assertThat(body.get("link").asText()).contains("/projects/" + PROJECT + "/dashboard?filter=");
    JsonNode shown = running.api().getJson("/api/alerts/" + id).get("data");
    assertThat(shown.get("state").asText()).isEqualTo("firing");
    assertThat(shown.get("webhook_host").asText()).as("the URL is a secret: only its host is shown")
        .isEqualTo("127.0.0.1");
    assertThat(shown.has("webhook_url")).isFalse();

    assertThat(running.api().send("PUT", "/api/alerts/" + id, rule.formatted("0.9")).statusCode()).isEqualTo(200);
    running.api().send("POST", "/api/alerts/evaluate", null);
    JsonNode resolved = JSON.readTree(next().substring("/hook/json ".length()));
    assertThat(resolved.get("state").asText()).isEqualTo("resolved");

    JsonNode events = running.api().getJson("/api/alerts/" + id + "/events").get("data");
    assertThat(events).extracting(e -> e.get("state").asText() + " " + e.get("delivery").asText())
        .containsExactly("resolved sent", "firing sent");
    running.api().send("DELETE", "/api/alerts/" + id, null);
  }

  @Test
  void noTrafficRule_postsASlackMessage_andAWebhookThatFailsIsRecorded() throws Exception {
    running.api().send("POST", "/v1/projects", "{\"name\": \"quiet-project\"}");
    long quiet = create("{\"name\": \"No traffic\", \"project\": \"quiet-project\", \"metric\": \"span_count\","
        + " \"window_seconds\": 3600, \"comparison\": \"below\", \"threshold\": 1, \"webhook_url\": \""
        + hook("slack") + "\", \"webhook_format\": \"slack\"}");
    long broken = create("{\"name\": \"Cost\", \"project\": \"" + PROJECT + "\", \"metric\": \"span_count\","
        + " \"window_seconds\": 600, \"threshold\": 0, \"webhook_url\": \"http://127.0.0.1:9/nobody-listens\"}");

    running.api().send("POST", "/api/alerts/evaluate", null);

    String slack = next();
    assertThat(slack).startsWith("/hook/slack ");
    String text = JSON.readTree(slack.substring("/hook/slack ".length())).get("text").asText();
    assertThat(text).contains("*No traffic* is firing", "span count 0 (below 1) over the last 1 h",
        "quiet-project");
    JsonNode brokenEvents = running.api().getJson("/api/alerts/" + broken + "/events").get("data");
    assertThat(brokenEvents.get(0).get("state").asText()).isEqualTo("firing");
    assertThat(brokenEvents.get(0).get("delivery").asText()).startsWith("failed: ");
    running.api().send("DELETE", "/api/alerts/" + quiet, null);
    running.api().send("DELETE", "/api/alerts/" + broken, null);
  }

  @Test
  void rules_areEvaluatedOnTheirSchedule() throws Exception {
    long id = create("{\"name\": \"Scheduled\", \"project\": \"" + PROJECT + "\", \"metric\": \"span_count\","
        + " \"window_seconds\": 600, \"threshold\": 1, \"webhook_url\": \"" + hook("scheduled") + "\"}");

    String body = next();

    assertThat(body).startsWith("/hook/scheduled ").contains("\"firing\"");
    running.api().send("DELETE", "/api/alerts/" + id, null);
  }

  @Test
  void badRules_areRefusedWithTheFieldNamed() {
    String base = "{\"name\": \"x\", \"project\": \"" + PROJECT + "\", \"window_seconds\": 600, \"threshold\": 1, ";
    for (var c : List.of(
        List.of(base + "\"metric\": \"colour\"}", "422", "metric must be one of"),
        List.of(base.replace("600", "10") + "\"metric\": \"tokens\"}", "422", "window_seconds must be between"),
        List.of(base + "\"metric\": \"tokens\", \"webhook_url\": \"ftp://x\"}", "422", "webhook_url must be"),
        List.of(base + "\"metric\": \"tokens\", \"filter\": \"latncy_ms > 1\"}", "400", "did you mean 'latency_ms'"),
        List.of("{\"project\": \"" + PROJECT + "\", \"metric\": \"tokens\", \"window_seconds\": 600,"
            + " \"threshold\": 1}", "422", "name is required"),
        List.of(base.replace(PROJECT, "no-such-project") + "\"metric\": \"tokens\"}", "422",
            "project not found: no-such-project"))) {
      var response = running.api().send("POST", "/api/alerts", c.get(0));
      assertThat(response.statusCode() + " " + ApiClient.text(response)).startsWith(c.get(1)).contains(c.get(2));
    }
    assertThat(running.api().get("/api/alerts/12345").statusCode()).isEqualTo(404);
  }
}

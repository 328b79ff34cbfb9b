package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboards' JSON through the real exporter and API: per-bucket and per-model figures checked against
 * values worked out here from the spans sent (including cache and reasoning tokens priced apart), the errors by
 * message, bad parameters, and the month's projection.
 */
class ITMetrics {
  private static final String PROJECT = "metrics-it";
  /** Two hours back from a whole hour, so that the spans fall in two known hourly buckets. */
  private static final Instant HOUR = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 3600 * 3600 - 2 * 3600);

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  // gpt-4o-mini: 0.15 input, 0.60 output, 0.075 cache read per 1M; o3-mini: 1.10, 4.40, 0.55 (reasoning at output).
  private static final double MINI = (1_000 * 0.15 + 200 * 0.60 + 1_000 * 0.075) / 1e6; // 2,000 prompt, 1,000 cached
  private static final double O3 = (500 * 1.10 + 100 * 4.40 + 400 * 4.40) / 1e6; // 500 prompt, 500 out of which 400 reasoning

  @BeforeAll
  static void send() {
    // Hour 1: three gpt-4o-mini calls of 100, 200 and 300 ms, one failed with 429. Hour 2: two o3-mini calls of
    // 1 s and 2 s, one failed with a timeout, and one gpt-4o-mini call of 400 ms.
    OtelSender.send(running.server().httpPort(), PROJECT, tracer -> {
      call(tracer, "gpt-4o-mini", HOUR.plusSeconds(60), 100, null);
      call(tracer, "gpt-4o-mini", HOUR.plusSeconds(120), 200, "429 Too Many Requests");
      call(tracer, "gpt-4o-mini", HOUR.plusSeconds(180), 300, null);
      call(tracer, "o3-mini", HOUR.plusSeconds(3660), 1000, null);
      call(tracer, "o3-mini", HOUR.plusSeconds(3720), 2000, "timeout");
      call(tracer, "gpt-4o-mini", HOUR.plusSeconds(3780), 400, null);
    });
  }

  private static void call(Tracer tracer, String model, Instant start, long millis, String error) {
    var builder = tracer.spanBuilder("chat " + model).setStartTimestamp(start).setAttribute("openinference.span.kind", "LLM")
        .setAttribute("llm.provider", "openai").setAttribute("llm.model_name", model)
        .setAttribute("agent.name", model.equals("o3-mini") ? "planner" : "writer");
    if (model.equals("o3-mini")) {
      builder.setAttribute("llm.token_count.prompt", 500L).setAttribute("llm.token_count.completion", 500L)
          .setAttribute("llm.token_count.completion_details.reasoning", 400L);
    } else {
      builder.setAttribute("llm.token_count.prompt", 2_000L).setAttribute("llm.token_count.completion", 200L)
          .setAttribute("llm.token_count.prompt_details.cache_read", 1_000L);
    }
    var span = builder.startSpan();
    if (error != null) {
      span.setStatus(StatusCode.ERROR, error);
    }
    span.end(start.plusMillis(millis));
  }

  /** Exact figures, from the spans themselves (the rollups' percentiles are within 1%: see below). */
  private static JsonNode metrics(String query) {
    return running.api().getJson("/api/projects/" + PROJECT + "/metrics?exact=true&start_time=" + HOUR
        + "&end_time=" + HOUR.plusSeconds(7200) + "&" + query).get("data");
  }

  @Test
  void byDefault_wholeHoursComeFromRollups_withTheSameCountsAndPercentilesWithinOnePercent() {
    // By model, and by the agent's name: the attribute the server's rollups keep unless configured otherwise.
    for (String group : List.of("group_by=model", "group_by=attribute&group_key=agent.name")) {
      String range = "/api/projects/" + PROJECT + "/metrics?start_time=" + HOUR + "&end_time="
          + HOUR.plusSeconds(7200) + "&bucket=3600&" + group;
      JsonNode rollups = running.api().getJson(range).get("data").get("rows");
      JsonNode exact = running.api().getJson(range + "&exact=true").get("data").get("rows");

      assertThat(rollups).hasSameSizeAs(exact);
      for (int i = 0; i < exact.size(); i++) {
        assertThat(rollups.get(i).get("group")).isEqualTo(exact.get(i).get("group"));
        assertThat(rollups.get(i).get("spans")).isEqualTo(exact.get(i).get("spans"));
        assertThat(rollups.get(i).get("tokens")).isEqualTo(exact.get(i).get("tokens"));
        for (String p : List.of("p50", "p95", "p99", "max")) {
          double want = exact.get(i).at("/latency_ms/" + p).asDouble();
          assertThat(rollups.get(i).at("/latency_ms/" + p).asDouble()).isCloseTo(want, within(want * 0.01));
        }
      }
    }
    String range = "/api/projects/" + PROJECT + "/metrics?start_time=" + HOUR;
    assertThat(running.api().get(range + "&exact=maybe").statusCode()).isEqualTo(422);
  }

  @Test
  void hourlyByModel_matchesTheSpansSent() {
    JsonNode data = metrics("bucket=3600&group_by=model");

    assertThat(data.get("bucket_seconds").asLong()).isEqualTo(3600);
    List<String> rows = new ArrayList<>();
    for (JsonNode r : data.get("rows")) {
      rows.add(r.get("bucket_start").asText().substring(11, 16) + " " + r.get("group").asText() + " "
          + r.get("spans").asLong() + " calls " + r.get("errors").asLong() + " errors p50 "
          + r.at("/latency_ms/p50").asDouble() + " p99 " + r.at("/latency_ms/p99").asDouble());
    }
    String h1 = HOUR.toString().substring(11, 16);
    String h2 = HOUR.plusSeconds(3600).toString().substring(11, 16);
    assertThat(rows).containsExactly(
        h1 + " gpt-4o-mini 3 calls 1 errors p50 200.0 p99 300.0",
        h2 + " gpt-4o-mini 1 calls 0 errors p50 400.0 p99 400.0",
        h2 + " o3-mini 2 calls 1 errors p50 1000.0 p99 2000.0");
    JsonNode first = data.get("rows").get(0);
    assertThat(first.at("/cost/total").asDouble()).isCloseTo(3 * MINI, within(1e-12));
    assertThat(first.at("/tokens/cache_read").asLong()).isEqualTo(3_000);
    JsonNode o3 = data.get("rows").get(2);
    assertThat(o3.at("/cost/total").asDouble()).isCloseTo(2 * O3, within(1e-12));
    assertThat(o3.at("/tokens/reasoning").asLong()).isEqualTo(800);
  }

  @Test
  void totals_areOverTheWholeRange() {
    JsonNode totals = metrics("group_by=none").get("totals");

    assertThat(totals.get("spans").asLong()).isEqualTo(6);
    assertThat(totals.get("errors").asLong()).isEqualTo(2);
    assertThat(totals.at("/latency_ms/p50").asDouble()).isEqualTo(300.0); // 100 200 300 400 1000 2000: 3rd
    assertThat(totals.at("/latency_ms/p95").asDouble()).isEqualTo(2000.0);
    assertThat(totals.at("/cost/total").asDouble()).isCloseTo(4 * MINI + 2 * O3, within(1e-12));
  }

  @Test
  void errorsByMessage_withAFilter_inOneBucket() {
    JsonNode rows = metrics("bucket=all&group_by=status_message&filter="
        + URLEncoder.encode("status_code == 'ERROR'", StandardCharsets.UTF_8)).get("rows");

    assertThat(rows).extracting(r -> r.get("group").asText() + "=" + r.get("spans").asLong())
        .containsExactly("429 Too Many Requests=1", "timeout=1");
  }

  @Test
  void groupedByAnAttribute() {
    JsonNode rows = metrics("bucket=all&group_by=attribute&group_key=llm.model_name").get("rows");
    JsonNode agents = metrics("bucket=all&group_by=attribute&group_key=agent.name").get("rows");

    assertThat(rows).extracting(r -> r.get("group").asText() + "=" + r.get("spans").asLong())
        .containsExactly("gpt-4o-mini=4", "o3-mini=2");
    assertThat(agents).extracting(r -> r.get("group").asText() + "=" + r.get("spans").asLong())
        .containsExactly("planner=2", "writer=4");
  }

  @Test
  void badParameters_areRefusedWithTheParameterNamed() {
    String base = "/api/projects/" + PROJECT + "/metrics?";
    assertThat(ApiClient.text(running.api().get(base + "group_by=colour"))).contains("group_by must be");
    assertThat(running.api().get(base + "group_by=colour").statusCode()).isEqualTo(422);
    assertThat(running.api().get(base + "bucket=0").statusCode()).isEqualTo(422);
    assertThat(ApiClient.text(running.api().get(base + "group_by=attribute"))).contains("group_key is required");
    assertThat(running.api().get(base + "bucket=1&start_time=2020-01-01T00:00:00Z").statusCode()).isEqualTo(422);
    assertThat(running.api().get(base + "filter=latncy_ms%20%3E%201").statusCode()).isEqualTo(400);
    assertThat(running.api().get("/api/projects/nope/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void costProjection_addsTheLastDaysRateToTheMonthSoFar() {
    JsonNode p = running.api().getJson("/api/projects/" + PROJECT + "/cost-projection").get("data");
    double total = 4 * MINI + 2 * O3;
    Instant monthEnd = Instant.parse(p.get("month_end").asText());
    // Month to date is all of it, unless this test runs in a month's first two hours.
    double toDate = p.get("month_to_date").isNull() ? 0 : p.get("month_to_date").asDouble();

    assertThat(p.get("last_day").asDouble()).isCloseTo(total, within(1e-12));
    assertThat(toDate).isLessThanOrEqualTo(total + 1e-12);
    double hoursLeft = (monthEnd.toEpochMilli() - System.currentTimeMillis()) / 3_600_000d;
    assertThat(p.get("projected_month").asDouble()).isCloseTo(toDate + total / 24 * hoursLeft,
        within(total / 24 * 0.01));
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chains dashboard through the API, over {@link UiFixtures}' two traces (the ticket pipeline, with phases 3a and
 * 3b side by side and a failed ticket fetch, and a one-span answer): the figures, the failed chain, the range, the
 * filter and the sample limit, and bad parameters. {@code ChainStatsTest} checks the arithmetic on more shapes.
 */
class ITChains {
  private static final String DAY = "start_time=2025-11-29T00:00:00Z&end_time=2025-11-30T00:00:00Z";

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @BeforeAll
  static void send() {
    UiFixtures.send(running);
  }

  private static JsonNode chains(String query) {
    return running.api().getJson("/api/projects/" + UiFixtures.PROJECT + "/chains?" + query).get("data");
  }

  @Test
  void theFixtureTraces_depthDurationParallelismAndCriticalPath() {
    JsonNode data = chains(DAY);

    assertThat(data.path("traces").asInt()).isEqualTo(2);
    assertThat(data.path("sample_limit").asInt()).isEqualTo(100);
    // Depths 1 and 3 (root, phase, call); durations 800 ms and 10 s; 1 and 9 spans: nearest rank of two values.
    assertThat(data.at("/depth/p50").asDouble()).isEqualTo(1);
    assertThat(data.at("/depth/p95").asDouble()).isEqualTo(3);
    assertThat(data.at("/duration_ms/p50").asDouble()).isEqualTo(800);
    assertThat(data.at("/duration_ms/max").asDouble()).isEqualTo(10_000);
    assertThat(data.at("/spans/max").asDouble()).isEqualTo(9);
    // lookup_kb runs inside categorize: two leaves at once in the pipeline, one trace of two with parallel work.
    assertThat(data.path("peak_concurrency").asInt()).isEqualTo(2);
    assertThat(data.path("parallel_traces").asInt()).isEqualTo(1);
    JsonNode first = data.path("critical_path").get(0);
    assertThat(first.path("name").asText()).isEqualTo("Phase 3b: diagnostics");
    assertThat(first.path("share").asDouble()).isEqualTo(0.5);
    assertThat(first.path("mean_ms").asDouble()).isCloseTo(4_500, within(1e-6));
    assertThat(data.path("critical_path").findValuesAsText("name")).doesNotContain("Phase 3a: categorize");
  }

  @Test
  void aTraceWhoseChildFailed_isAFailedChain() {
    JsonNode failed = chains(DAY).path("failed_chains");

    assertThat(failed).hasSize(1);
    assertThat(failed.at("/0/trace_id").asText()).isEqualTo(UiFixtures.TRACE);
    assertThat(failed.at("/0/name").asText()).isEqualTo("Process Tickets");
    assertThat(failed.at("/0/root_status").asText()).as("the root itself did not say it failed").isEqualTo("UNSET");
    assertThat(failed.at("/0/failed_spans/0/name").asText()).isEqualTo("ticket T-404");
    assertThat(failed.at("/0/failed_spans/0/status_message").asText()).isEqualTo("HTTPError: 404 Not Found");
  }

  @Test
  void theRangeFilterAndLimit_narrowTheTracesRead() {
    String answer = URLEncoder.encode("name == 'Answer question'", StandardCharsets.UTF_8);
    JsonNode filtered = chains(DAY + "&filter=" + answer);
    assertThat(filtered.path("traces").asInt()).isEqualTo(1);
    assertThat(filtered.at("/depth/max").asDouble()).isEqualTo(1);
    assertThat(filtered.path("failed_chains")).isEmpty();

    assertThat(chains("start_time=2025-11-30T00:00:00Z&end_time=2025-12-01T00:00:00Z").path("traces").asInt())
        .isZero();
    JsonNode newest = chains(DAY + "&limit=1");
    assertThat(newest.path("traces").asInt()).isEqualTo(1);
    assertThat(newest.at("/duration_ms/max").asDouble()).as("the newest trace: the answer").isEqualTo(800);
  }

  @Test
  void badParameters_areRefused() {
    String base = "/api/projects/" + UiFixtures.PROJECT + "/chains?" + DAY;
    assertThat(running.api().get(base + "&limit=0").statusCode()).isEqualTo(422);
    assertThat(running.api().get(base + "&limit=501").statusCode()).isEqualTo(422);
    assertThat(running.api().get(base + "&filter=latncy_ms%20%3E%201").statusCode()).isEqualTo(400);
    assertThat(running.api().get("/api/projects/nowhere/chains").statusCode()).isEqualTo(404);
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Arbor server processes on one PostgreSQL database (the multi-replica deployment): both ingest, both
 * answer queries, a span that reaches both (an exporter's retry through a load balancer) is stored once, and a
 * price set on one is used by the other.
 */
@EnabledIfSystemProperty(named = "arbor.it.store", matches = "postgres")
class ITTwoServers {
  private static final int REQUESTS = 40;
  private static final int SPANS_PER_REQUEST = 50;

  @TempDir
  Path dir;

  @Test
  void twoServersOnOneDatabase_ingestAndServeTheSameData_withoutDuplicates() throws Exception {
    String[] store = ServerProcess.storeFlags();
    Path log = Path.of("target", "ITTwoServers-server.log");
    try (ServerProcess a = ServerProcess.start(dir.resolve("a"), log, store);
         ServerProcess b = ServerProcess.start(dir.resolve("b"), log, store)) {
      ApiClient apiA = new ApiClient(a.port);
      ApiClient apiB = new ApiClient(b.port);
      ExecutorService senders = Executors.newFixedThreadPool(4);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int r = 0; r < REQUESTS; r++) {
        byte[] body = OtlpRequests.llmSpans("replicas", (long) r * SPANS_PER_REQUEST, SPANS_PER_REQUEST, 200)
            .toByteArray();
        // Every request goes to one server; every third also to the other at the same time, as a retry would.
        ApiClient first = r % 2 == 0 ? apiA : apiB;
        ApiClient second = r % 2 == 0 ? apiB : apiA;
        answers.add(senders.submit(() -> first.post("/v1/traces", "application/x-protobuf", body).statusCode()));
        if (r % 3 == 0) {
          answers.add(senders.submit(() -> second.post("/v1/traces", "application/x-protobuf", body).statusCode()));
        }
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
      senders.shutdown();

      List<String> spansA = spanIds(apiA.allSpans("replicas"));
      List<String> spansB = spanIds(apiB.allSpans("replicas"));
      assertThat(spansA).hasSize(REQUESTS * SPANS_PER_REQUEST).doesNotHaveDuplicates();
      assertThat(spansB).containsExactlyElementsOf(spansA);

      Map<String, Long> tracesA = spanCountsByTrace(apiA);
      assertThat(tracesA).hasSize(REQUESTS * SPANS_PER_REQUEST / 4).allSatisfy((trace, count) ->
          assertThat(count).as("spans counted in trace %s", trace).isEqualTo(4));
      assertThat(spanCountsByTrace(apiB)).isEqualTo(tracesA);

      // A price set on one server is in force on the other within its polling interval.
      var created = apiA.send("POST", "/api/prices", "{\"name\": \"replica-llm\", \"input\": 1, \"output\": 2}");
      assertThat(created.statusCode()).isEqualTo(201);
      long id = ApiClient.json(created).at("/data/id").asLong();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (apiB.getJson("/api/prices/match?model=replica-llm").at("/data/price/id").asLong() != id) {
        assertThat(System.nanoTime()).as("server b learns of the price").isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  private static List<String> spanIds(List<JsonNode> spans) {
    return spans.stream().map(s -> s.get("context").get("span_id").asText()).toList();
  }

  private static Map<String, Long> spanCountsByTrace(ApiClient api) {
    Map<String, Long> counts = new HashMap<>();
    String cursor = null;
    do {
      JsonNode page = api.getJson("/v1/projects/replicas/traces?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
      for (JsonNode trace : page.get("data")) {
        counts.put(trace.get("trace_id").asText(), trace.get("span_count").asLong());
      }
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    return counts;
  }
}

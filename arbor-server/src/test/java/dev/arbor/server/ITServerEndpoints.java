package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, readiness, the Phoenix version, metrics, and the projects/spans read API. */
class ITServerEndpoints {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @Test
  void healthAndReadiness() {
    assertThat(running.api().get("/healthz").statusCode()).isEqualTo(200);
    assertThat(running.api().get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void phoenixVersion_plainTextAndOnEveryResponse() {
    HttpResponse<byte[]> version = running.api().get("/arize_phoenix_version");

    assertThat(ApiClient.text(version)).matches("20\\.\\d+\\.\\d+");
    assertThat(version.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
    assertThat(running.api().get("/v1/projects").headers().firstValue("x-phoenix-server-version")).hasValue(ApiClient.text(version));
    assertThat(running.api().get("/no/such/page").headers().firstValue("x-phoenix-server-version")).isPresent();
  }

  @Test
  void webUi_appPathsGetTheApp_uncached_assetsCachedForGood_unknownPathsAre404() {
    HttpResponse<byte[]> root = running.api().get("/");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
    assertThat(root.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(root.headers().firstValue("content-security-policy").orElseThrow()).contains("script-src 'self'");
    assertThat(root.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    HttpResponse<byte[]> deepLink = running.api().get("/projects/tickets/traces/0af7651916cd43dd8448eb211c80319c");
    assertThat(deepLink.statusCode()).isEqualTo(200);
    assertThat(ApiClient.text(deepLink)).isEqualTo(ApiClient.text(root));

    java.util.regex.Matcher script = java.util.regex.Pattern.compile("/assets/[^\"]+\\.js").matcher(ApiClient.text(root));
    assertThat(script.find()).as("index.html names its script").isTrue();
    HttpResponse<byte[]> asset = running.api().get(script.group());
    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("cache-control").orElseThrow()).contains("immutable");

    assertThat(running.api().get("/favicon.svg").statusCode()).isEqualTo(200);
    for (String missing : java.util.List.of("/v1/nothing", "/api/nothing", "/assets/missing.js", "/favicon.ico", "/v1/projects/x/nothing")) {
      assertThat(running.api().get(missing).statusCode()).as(missing).isEqualTo(404);
    }
  }

  private static double metric(String name) {
    for (String line : ApiClient.text(running.api().get("/metrics")).split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @Test
  void metrics_countSpansAndCommits() {
    double received = metric("arbor_spans_received_total");
    double stored = metric("arbor_spans_stored_total");
    double duplicates = metric("arbor_spans_duplicate_total");
    double commits = metric("arbor_commit_batch_spans_count");
    byte[] body = OtlpRequests.llmSpans("metrics", 0, 10, 10).toByteArray();

    assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);
    assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);

    assertThat(metric("arbor_spans_received_total")).isEqualTo(received + 20);
    assertThat(metric("arbor_spans_stored_total")).isEqualTo(stored + 10);
    assertThat(metric("arbor_spans_duplicate_total")).isEqualTo(duplicates + 10);
    assertThat(metric("arbor_commit_batch_spans_count")).isEqualTo(commits + 2);
    assertThat(ApiClient.text(running.api().get("/metrics"))).contains("arbor_spans_rejected_total{reason=\"queue_full\"}",
        "arbor_ingest_queue_bytes", "arbor_commit_latency_seconds");
  }

  @Test
  void spans_pageThroughThousandsWithoutLossOrRepetition() {
    for (int batch = 0; batch < 5; batch++) {
      byte[] body = OtlpRequests.llmSpans("paging", batch * 500L, 500, 20).toByteArray();
      assertThat(running.api().post("/v1/traces", "application/x-protobuf", body).statusCode()).isEqualTo(200);
    }

    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      JsonNode page = running.api().getJson("/v1/projects/paging/spans?limit=333"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
      for (JsonNode span : page.get("data")) {
        assertThat(seen.add(span.get("context").get("span_id").asText())).isTrue();
      }
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);

    assertThat(seen).hasSize(2500);
  }

  @Test
  void projects_byNameAndByGlobalId() {
    running.api().post("/v1/traces", "application/x-protobuf", OtlpRequests.llmSpans("lookup", 0, 3, 10).toByteArray());
    JsonNode project = null;
    for (JsonNode p : running.api().getJson("/v1/projects?limit=1000").get("data")) {
      if (p.get("name").asText().equals("lookup")) {
        project = p;
      }
    }
    assertThat(project).isNotNull();

    assertThat(running.api().getJson("/v1/projects/" + project.get("id").asText() + "/spans").get("data")).hasSize(3);
    assertThat(running.api().getJson("/v1/projects/lookup/spans?start_time=2023-11-14T22:13:20Z&end_time=2023-11-14T22:13:20.002Z")
        .get("data")).hasSize(2);
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.server.cli.ArborCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit trail through the API: changes recorded with what, from where and why (secrets masked, reads and
 * ingest left out), exported as JSON Lines and CSV, verified by the API and by {@code arbor audit verify}, and an
 * entry edited directly in the database found.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITAudit {
  private static final String PROJECT = "audit-it";

  @RegisterExtension
  static final RunningServer running = RunningServer.create();
  private static ApiClient api;

  @BeforeAll
  static void client() {
    api = running.api();
  }

  @Test
  @Order(1)
  void changes_areRecordedWithActionTargetOriginReasonAndDetail_ingestAsSealedBatches_readsNot() {
    assertThat(api.send("POST", "/v1/projects", "{\"name\":\"" + PROJECT + "\"}").statusCode()).isEqualTo(200);
    OtelSender.send(running.server().httpPort(), PROJECT, tracer -> tracer.spanBuilder("root").startSpan().end());
    String traceId = api.allSpans(PROJECT).get(0).at("/context/trace_id").asText();
    api.getJson("/v1/projects/" + PROJECT + "/spans");
    HttpResponse<byte[]> deleted = api.send("DELETE", "/v1/traces/" + traceId, null,
        "X-Arbor-Reason", "test data, CAPA-1234");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(api.send("DELETE", "/v1/traces/" + traceId, null).statusCode()).as("refused, and recorded")
        .isEqualTo(404);
    assertThat(api.send("POST", "/api/alerts", """
        {"name":"errors","project":"audit-it","metric":"error_rate","window_seconds":300,"comparison":"above",
         "threshold":0.2,"webhook_url":"https://hooks.slack.com/services/T000/B000/XXXXSECRET",
         "reason":"on-call asked for it"}""").statusCode()).isEqualTo(201);

    List<JsonNode> all = entries();
    // The store's own entries: the batch that stored the span, and what the deletion removed (in its transaction,
    // so before the request's entry, which is written when the answer is ready).
    assertThat(all).extracting(e -> e.path("action").asText() + " by " + e.path("actor").asText()).containsExactly(
        "POST /v1/projects by anonymous", "INGEST by arbor", "DELETE SPANS by arbor",
        "DELETE /v1/traces/{trace} by anonymous", "DELETE /v1/traces/{trace} by anonymous",
        "POST /api/alerts by anonymous");
    assertThat(all.get(1).path("detail").asText()).contains("\"spans\":1").contains("\"" + PROJECT + "\":1");
    assertThat(all.get(2).path("detail").asText()).contains("\"scope\":\"traces\"").contains(traceId);
    List<JsonNode> entries = all.stream().filter(e -> !e.path("actor").asText().equals("arbor")).toList();
    JsonNode project = entries.get(0);
    assertThat(project.path("seq").asLong()).isEqualTo(1);
    assertThat(project.path("actor").asText()).isEqualTo("anonymous");
    assertThat(project.path("origin").asText()).isEqualTo("127.0.0.1");
    assertThat(project.path("target").asText()).isEqualTo("/v1/projects");
    assertThat(project.path("at").asText()).endsWith("Z");
    assertThat(project.path("detail").asText()).contains("\"status\":200").contains(PROJECT);
    assertThat(entries.get(1).path("reason").asText()).isEqualTo("test data, CAPA-1234");
    assertThat(entries.get(1).path("detail").asText()).contains("\"status\":204")
        .contains("\"before\":{\"project\":\"" + PROJECT + "\"").contains("\"spans\":1");
    assertThat(entries.get(2).path("detail").asText()).contains("\"status\":404");
    JsonNode alert = entries.get(3);
    assertThat(alert.path("reason").asText()).isEqualTo("on-call asked for it");
    assertThat(alert.path("detail").asText()).contains("\"webhook_url\":\"[secret]\"").doesNotContain("XXXXSECRET");
  }

  @Test
  @Order(2)
  void export_givesEveryEntryAsJsonLinesAndCsv() {
    String jsonl = ApiClient.text(api.get("/api/audit/export"));
    assertThat(jsonl.lines()).hasSize(entries().size()).allSatisfy(line -> assertThat(line).startsWith("{\"seq\":"));
    String csv = ApiClient.text(api.get("/api/audit/export?format=csv"));
    assertThat(csv.lines().findFirst()).contains("seq,at,actor,origin,action,target,reason,detail,prev_hash,hash");
    assertThat(csv.lines().skip(1)).hasSize(entries().size());
    assertThat(api.get("/api/audit/export?format=xml").statusCode()).isEqualTo(400);
  }

  @Test
  @Order(3)
  void verify_byTheApiAndTheCli_findsTheTrailIntact() {
    JsonNode result = ApiClient.json(api.send("POST", "/api/audit/verify", null)).get("data");
    assertThat(result.path("intact").asBoolean()).isTrue();
    assertThat(result.path("entries").asLong()).isEqualTo(entries().size());
    String[] out = cli("audit", "verify", "--url", "http://127.0.0.1:" + running.server().httpPort());
    assertThat(out[0]).isEqualTo("0");
    assertThat(out[1]).startsWith("intact: " + entries().size() + " entries and 0 stored spans, head "
        + result.path("head_hash").asText());
    String kept = entries().size() + ":" + result.path("head_hash").asText();
    assertThat(cli("audit", "verify", "--expect", kept, "--url", "http://127.0.0.1:" + running.server().httpPort())[0])
        .isEqualTo("0");
    String[] wrong = cli("audit", "verify", "--expect", "2:" + "0".repeat(64), "--url",
        "http://127.0.0.1:" + running.server().httpPort());
    assertThat(wrong[0]).isEqualTo("1");
    assertThat(wrong[1]).contains("entry 2 no longer has the hash that was kept");
    assertThat(cli("audit", "verify", "--expect", "999:" + "0".repeat(64), "--url",
        "http://127.0.0.1:" + running.server().httpPort())[1]).contains("entry 999 is gone");
  }

  @Test
  @Order(4)
  void anEntryEditedInTheDatabase_isFoundByVerify() throws Exception {
    running.stop();
    try (Connection c = running.connect(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2");
    }
    running.restart();
    api = running.api();
    JsonNode result = ApiClient.json(api.send("POST", "/api/audit/verify", null)).get("data");
    assertThat(result.path("intact").asBoolean()).isFalse();
    assertThat(result.path("first_bad_seq").asLong()).isEqualTo(2);
    String[] out = cli("audit", "verify", "--url", "http://127.0.0.1:" + running.server().httpPort());
    assertThat(out[0]).isEqualTo("1");
    assertThat(out[1]).startsWith("BROKEN at entry 2: entry 2 was changed after it was written");
  }

  @Test
  @Order(5)
  void aSpanEditedInTheDatabase_isFoundByVerify() throws Exception {
    running.stop();
    try (Connection c = running.connect(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE audit_log SET reason = NULL WHERE seq = 2"); // as it was before the test above
    }
    running.restart();
    api = running.api();
    OtelSender.send(running.server().httpPort(), PROJECT, tracer -> tracer.spanBuilder("answer").startSpan().end());
    String spanId = api.allSpans(PROJECT).get(0).at("/context/span_id").asText();
    JsonNode intact = ApiClient.json(api.send("POST", "/api/audit/verify", null)).get("data");
    assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
    assertThat(intact.path("spans").asLong()).isEqualTo(1);
    long ingest = entries().stream().filter(e -> e.path("action").asText().equals("INGEST"))
        .mapToLong(e -> e.path("seq").asLong()).max().orElseThrow();

    running.stop();
    try (Connection c = running.connect(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE spans SET status_message = 'all fine' WHERE span_id = '" + spanId + "'");
    }
    running.restart();
    api = running.api();
    JsonNode result = ApiClient.json(api.send("POST", "/api/audit/verify", null)).get("data");
    assertThat(result.path("intact").asBoolean()).isFalse();
    assertThat(result.path("first_bad_seq").asLong()).isEqualTo(ingest);
    String[] out = cli("audit", "verify", "--url", "http://127.0.0.1:" + running.server().httpPort());
    assertThat(out[0]).isEqualTo("1");
    assertThat(out[1]).startsWith("BROKEN at entry " + ingest + ": span " + spanId).contains("was changed");
  }

  @Test
  @Order(6)
  void changes_recordTheStateBeforeBesideTheRequest() {
    assertThat(api.send("POST", "/v1/projects", "{\"name\":\"before-it\",\"description\":\"first\"}")
        .statusCode()).isEqualTo(200);
    assertThat(api.send("PUT", "/v1/projects/before-it", "{\"description\":\"second\"}").statusCode())
        .isEqualTo(200);
    JsonNode alert = ApiClient.json(api.send("POST", "/api/alerts", """
        {"name":"slow","project":"before-it","metric":"latency_p95_ms","window_seconds":300,"comparison":"above",
         "threshold":2000,"webhook_url":"https://hooks.example.com/T0/SECRET-PATH"}""")).path("data");
    String path = "/api/alerts/" + alert.path("id").asText();
    assertThat(api.send("PUT", path, """
        {"name":"slow","project":"before-it","metric":"latency_p95_ms","window_seconds":300,"comparison":"above",
         "threshold":3000}""").statusCode()).isEqualTo(200);
    assertThat(api.send("DELETE", path, null).statusCode()).isEqualTo(204);

    List<JsonNode> all = entries();
    JsonNode project = last(all, "PUT /v1/projects/{project}");
    assertThat(project.path("detail").asText()).contains("\"before\":{").contains("\"description\":\"first\"")
        .contains("\"description\":\"second\"");
    JsonNode changed = last(all, "PUT /api/alerts/{id}");
    assertThat(changed.path("detail").asText()).contains("\"threshold\":2000").contains("\"threshold\":3000")
        .doesNotContain("SECRET-PATH");
    JsonNode deleted = last(all, "DELETE /api/alerts/{id}");
    assertThat(deleted.path("detail").asText()).contains("\"before\":{").contains("\"threshold\":3000");
  }

  private static JsonNode last(List<JsonNode> entries, String action) {
    return entries.stream().filter(e -> e.path("action").asText().equals(action)).reduce((a, b) -> b).orElseThrow();
  }

  private static List<JsonNode> entries() {
    JsonNode page = api.getJson("/api/audit?limit=1000").get("data");
    return StreamSupport.stream(page.spliterator(), false).toList();
  }

  /** The exit code and what {@code arbor <args>} printed. */
  private static String[] cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = ArborCommand.commandLine().execute(args);
      return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(previous);
    }
  }


}

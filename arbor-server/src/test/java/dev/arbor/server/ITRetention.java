package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retention through the API against a real server: a policy set, applied on demand and by the schedule, old spans
 * gone and new ones kept, the deletion in the audit trail with the chain and the span digests intact, disk use per
 * project, and bad policies refused.
 */
class ITRetention {
  @RegisterExtension
  static final RunningServer running = RunningServer.create(); // the schedule (hourly) stays out of the way

  static void send(RunningServer running, String project, long first, int count) {
    // OtlpRequests' spans start in November 2023: long before any 30-day cut.
    HttpResponse<byte[]> answer = running.api().post("/v1/traces", "application/x-protobuf",
        OtlpRequests.llmSpans(project, first, count, 50).toByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  private static void send(String project, long first, int count) {
    send(running, project, first, count);
  }

  @Test
  void aPolicyAppliedOnDemand_deletesOldSpans_keepsNewOnes_andIsAudited() {
    ApiClient api = running.api();
    send("kept-a-month", 0, 8);
    OtelSender.send(running.server().httpPort(), "kept-a-month", t -> t.spanBuilder("today").startSpan().end());
    assertThat(api.allSpans("kept-a-month")).hasSize(9);

    HttpResponse<byte[]> set = api.send("PUT", "/api/projects/kept-a-month/retention", "{\"max_age_days\":30}",
        "X-Arbor-Reason", "SOP-12: keep a month");
    assertThat(set.statusCode()).as(ApiClient.text(set)).isEqualTo(200);
    assertThat(ApiClient.json(api.get("/api/retention")).path("data").toString())
        .contains("\"project\":\"kept-a-month\"").contains("\"max_age_days\":30");

    JsonNode outcome = ApiClient.json(api.send("POST", "/api/projects/kept-a-month/retention/apply", null))
        .path("data");
    assertThat(outcome.path("deleted_spans").asLong()).isEqualTo(8);
    assertThat(outcome.path("before").asText()).endsWith("Z");
    assertThat(api.allSpans("kept-a-month")).extracting(s -> s.path("name").asText()).containsExactly("today");

    List<JsonNode> entries = new ArrayList<>();
    api.getJson("/api/audit?limit=1000").path("data").forEach(entries::add);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("DELETE SPANS");
      assertThat(e.path("detail").asText()).contains("\"scope\":\"retention\"").contains("\"spans\":8")
          .contains("kept-a-month");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("PUT /api/projects/{project}/retention");
      assertThat(e.path("reason").asText()).isEqualTo("SOP-12: keep a month");
    });
    JsonNode verified = ApiClient.json(api.send("POST", "/api/audit/verify", null)).path("data");
    assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
  }

  @Test
  void storage_showsEachProjectsSpansAndShare() {
    send("measured", 200, 4);
    JsonNode usage = ApiClient.json(running.api().get("/api/storage")).path("data");
    assertThat(usage.path("database_bytes").asLong()).isPositive();
    JsonNode measured = null;
    for (JsonNode p : usage.path("projects")) {
      if (p.path("project").asText().equals("measured")) {
        measured = p;
      }
    }
    assertThat(measured).isNotNull();
    assertThat(measured.path("spans").asLong()).isEqualTo(4);
    assertThat(measured.path("span_bytes").asLong()).isPositive();
    assertThat(measured.path("share").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void badPolicies_areRefusedWithWhatIsWrong() {
    ApiClient api = running.api();
    send("strict", 300, 1);
    HttpResponse<byte[]> neither = api.send("PUT", "/api/projects/strict/retention", "{}");
    assertThat(neither.statusCode()).isEqualTo(422);
    assertThat(ApiClient.text(neither)).contains("max_age_days or max_spans must be set");
    assertThat(ApiClient.text(api.send("PUT", "/api/projects/strict/retention", "{\"max_age_days\":0}")))
        .contains("max_age_days must be between 1 and 36500");
    assertThat(api.send("PUT", "/api/projects/nowhere/retention", "{\"max_spans\":5}").statusCode()).isEqualTo(404);
    assertThat(api.send("POST", "/api/projects/strict/retention/apply", null).statusCode()).as("no policy")
        .isEqualTo(404);
    assertThat(api.allSpans("strict")).hasSize(1);
  }

  @Test
  void inARegulatedProject_deletionsMustSayWhy() {
    ApiClient api = running.api();
    send("gxp", 400, 8);
    assertThat(api.send("PUT", "/api/projects/gxp/regulated", "{\"regulated\":true}").statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(api.get("/api/projects/gxp/regulated")).at("/data/regulated").asBoolean()).isTrue();
    String trace = OtlpRequests.traceId("gxp", 100);

    HttpResponse<byte[]> refused = api.send("DELETE", "/v1/traces/" + trace, null);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(ApiClient.text(refused)).contains("project 'gxp' is regulated");
    assertThat(api.allSpans("gxp")).hasSize(8);
    assertThat(api.send("PUT", "/api/projects/gxp/retention", "{\"max_spans\":2}").statusCode()).isEqualTo(422);
    assertThat(api.send("PUT", "/api/projects/gxp/regulated", "{\"regulated\":false}").statusCode())
        .as("unmarking is such a change too").isEqualTo(422);

    assertThat(api.send("DELETE", "/v1/traces/" + trace, null, "X-Arbor-Reason", "CAPA-77: test upload")
        .statusCode()).isEqualTo(204);
    assertThat(api.send("PUT", "/api/projects/gxp/retention", "{\"max_spans\":2,\"reason\":\"SOP-9\"}")
        .statusCode()).isEqualTo(200);
    assertThat(api.allSpans("gxp")).hasSize(4);

    List<JsonNode> entries = new ArrayList<>();
    api.getJson("/api/audit?limit=1000").path("data").forEach(entries::add);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("DELETE /v1/traces/{trace}");
      assertThat(e.path("detail").asText()).contains("\"status\":422");
    });
  }
}

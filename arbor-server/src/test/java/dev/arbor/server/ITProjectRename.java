package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Renaming a project through the API against a real server: its spans and alert rules follow the new name, a
 * redaction rule scoped to it applies to spans sent under the new name at once, spans sent under the old name make a
 * new project, the audit entry holds the state before, and bad renames are refused with nothing changed.
 */
class ITProjectRename {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  private static void send(String project, String input) {
    OtelSender.send(running.server().httpPort(), project, tracer -> {
      Span span = tracer.spanBuilder("llm").setAttribute("openinference.span.kind", "LLM")
          .setAttribute("input.value", input).startSpan();
      span.end();
    });
  }

  @Test
  void aRenamedProject_keepsItsSpansRulesAndAlerts_andTheOldNameStartsAfresh() {
    ApiClient api = running.api();
    send("tickets", "first");
    String id = api.getJson("/v1/projects/tickets").at("/data/id").asText();
    assertThat(api.send("POST", "/api/redaction/rules",
        "{\"name\":\"ticket_id\",\"pattern\":\"TCK-\\\\d{4}\",\"project\":\"tickets\"}").statusCode()).isEqualTo(201);
    HttpResponse<byte[]> alert = api.send("POST", "/api/alerts", """
        {"name":"errors","project":"tickets","metric":"error_rate","window_seconds":300,"comparison":"above",
         "threshold":0.5}""");
    assertThat(alert.statusCode()).as(ApiClient.text(alert)).isIn(200, 201);
    long alertId = ApiClient.json(alert).at("/data/id").asLong();

    HttpResponse<byte[]> renamed = api.send("PUT", "/api/projects/tickets/name", "{\"name\":\" support-tickets \"}",
        "X-Arbor-Reason", "the team's new name");

    assertThat(renamed.statusCode()).as(ApiClient.text(renamed)).isEqualTo(200);
    assertThat(ApiClient.json(renamed).at("/data/name").asText()).isEqualTo("support-tickets");
    assertThat(ApiClient.json(renamed).at("/data/id").asText()).isEqualTo(id);
    assertThat(api.get("/v1/projects/tickets").statusCode()).isEqualTo(404);
    assertThat(api.allSpans("support-tickets")).extracting(s -> s.at("/attributes/input.value").asText())
        .containsExactly("first");
    assertThat(api.getJson("/api/alerts/" + alertId).at("/data/project").asText()).isEqualTo("support-tickets");
    assertThat(api.getJson("/api/redaction/rules").path("data").findValuesAsText("project"))
        .contains("support-tickets").doesNotContain("tickets");

    send("support-tickets", "about TCK-1234");
    assertThat(api.allSpans("support-tickets")).extracting(s -> s.at("/attributes/input.value").asText())
        .as("the project's redaction rule applies under its new name at once")
        .contains("about [REDACTED:ticket_id]");
    send("tickets", "late TCK-9999");
    assertThat(api.allSpans("tickets")).extracting(s -> s.at("/attributes/input.value").asText())
        .as("a span under the old name makes a new project, which the renamed rule no longer covers")
        .containsExactly("late TCK-9999");

    JsonNode entry = null;
    for (JsonNode e : api.getJson("/api/audit?limit=1000").path("data")) {
      if (e.path("action").asText().equals("PUT /api/projects/{project}/name")) {
        entry = e;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.path("reason").asText()).isEqualTo("the team's new name");
    assertThat(entry.path("detail").asText()).contains("\"name\":\"tickets\"").contains("support-tickets");
  }

  @Test
  void badRenames_areRefusedWithTheReason_andChangeNothing() {
    ApiClient api = running.api();
    send("alpha", "a");
    send("beta", "b");

    assertThat(api.send("PUT", "/api/projects/alpha/name", "{\"name\":\"beta\"}").statusCode()).isEqualTo(409);
    assertThat(api.send("PUT", "/api/projects/alpha/name", "{\"name\":\"  \"}").statusCode()).isEqualTo(422);
    assertThat(api.send("PUT", "/api/projects/alpha/name", "{\"name\":\"a/b\"}").statusCode()).isEqualTo(422);
    assertThat(api.send("PUT", "/api/projects/alpha/name", "{}").statusCode()).isEqualTo(422);
    assertThat(api.send("PUT", "/api/projects/nowhere/name", "{\"name\":\"gamma\"}").statusCode()).isEqualTo(404);
    send("default", "d");
    HttpResponse<byte[]> defaultRename = api.send("PUT", "/api/projects/default/name", "{\"name\":\"main\"}");
    assertThat(defaultRename.statusCode()).isEqualTo(403);
    assertThat(ApiClient.text(defaultRename)).contains("default project cannot be renamed");

    assertThat(api.send("PUT", "/api/projects/alpha/name", "{\"name\":\"default\"}").statusCode())
        .as("'default' is where spans without a project go").isEqualTo(403);
    // A deleted project's alert rule still names it: a project renamed to that name would take the rule on.
    send("doomed", "x");
    assertThat(api.send("POST", "/api/alerts", """
        {"name":"doomed errors","project":"doomed","metric":"error_rate","window_seconds":300,"comparison":"above",
         "threshold":0.5}""").statusCode()).isEqualTo(201);
    assertThat(api.send("DELETE", "/v1/projects/doomed", null).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> held = api.send("PUT", "/api/projects/alpha/name", "{\"name\":\"doomed\"}");
    assertThat(held.statusCode()).isEqualTo(409);
    assertThat(ApiClient.text(held)).contains("alert rules still name project 'doomed'");

    assertThat(api.allSpans("alpha")).hasSize(1);
    assertThat(api.allSpans("beta")).hasSize(1);
    assertThat(api.get("/v1/projects/main").statusCode()).isEqualTo(404);
  }
}

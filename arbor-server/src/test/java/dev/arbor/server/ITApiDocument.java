package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI document describes exactly the REST routes the server answers, and the docs page serves. */
class ITApiDocument {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @Test
  void openApiDocument_listsEveryRestRoute_andNoOther() {
    JsonNode doc = running.api().getJson("/openapi.json");
    List<String> documented = new ArrayList<>();
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
        method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    List<String> served = running.server().routes().stream()
        .filter(r -> r.contains(" /v1/") || r.contains(" /api/") && !r.contains("/api/public/")) // not Langfuse's OTLP
        .filter(r -> Set.of("GET", "POST", "PUT", "DELETE").contains(r.split(" ")[0]))
        .map(r -> r.replaceAll(":(\\w+)", "{$1}"))
        .filter(r -> !r.endsWith("/v1/traces") || r.startsWith("POST"))
        .toList();

    assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void docsPage_isServed() {
    var page = running.api().get("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(ApiClient.text(page)).contains("Arbor REST API", "/openapi.json");
  }
}

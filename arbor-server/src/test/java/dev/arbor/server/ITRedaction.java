package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.arbor.server.config.StoreConfig;
import dev.arbor.server.redaction.RedactionFile;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redaction at ingest, end to end: rules from the file given at start and from the API, spans sent with the real
 * OTLP exporter, and at the end the database itself read table by table (and, for DuckDB, byte by byte) to prove
 * that the original text was never stored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITRedaction {
  private static final String PROJECT = "redaction-it";
  private static final String EMAIL = "ana.lopez@example.com";
  private static final String CARD = "4111 1111 1111 1111";
  private static final String CUSTOMER = "CUST-482913";
  private static final String PHONE = "+44 20 7946 0958";
  /** An e-mail address in an attribute no rule reads: stored as sent, proving the scans below can see text. */
  private static final String CANARY = "canary.kept@example.net";

  /** The rules of a redaction file, as {@code --redaction-file} reads them. */
  private static final String FILE = """
      rules:
        - name: email
        - name: credit_card
        - name: customer_id
          pattern: 'CUST-\\d{6}'
          project: redaction-it
          attributes: [input.value, 'llm.input_messages.*']
      """;

  @RegisterExtension
  static final RunningServer running = RunningServer.create(config -> {
    try {
      return config.withRedactionRules(RedactionFile.parse(new YAMLMapper().readTree(FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });
  private static ApiClient api;

  @BeforeAll
  static void client() {
    api = running.api();
  }

  @Test
  @Order(1)
  void rulesFromTheFileAndTheApi_redactSpansAtIngest_andCountTheReplacements() {
    HttpResponse<byte[]> created = api.send("POST", "/api/redaction/rules", "{\"name\":\"phone\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(ApiClient.json(created).at("/data/source").asText()).isEqualTo("api");

    OtelSender.send(running.server().httpPort(), PROJECT, tracer -> {
      Span span = tracer.spanBuilder("llm").setAttribute("openinference.span.kind", "LLM")
          .setAttribute("input.value", "Customer " + CUSTOMER + " (" + EMAIL + ", " + PHONE + ") paid with " + CARD)
          .setAttribute("llm.input_messages.0.message.role", "user")
          .setAttribute("llm.input_messages.0.message.content", "I am " + EMAIL + ", customer " + CUSTOMER)
          .setAttribute("output.value", "We wrote to " + EMAIL)
          .setAttribute("note", CANARY).startSpan();
      span.end();
    });

    JsonNode attributes = api.allSpans(PROJECT).get(0).path("attributes");
    assertThat(attributes.path("input.value").asText()).isEqualTo("Customer [REDACTED:customer_id] "
        + "([REDACTED:email], [REDACTED:phone]) paid with [REDACTED:credit_card]");
    assertThat(attributes.path("llm.input_messages.0.message.content").asText())
        .isEqualTo("I am [REDACTED:email], customer [REDACTED:customer_id]");
    assertThat(attributes.path("output.value").asText()).isEqualTo("We wrote to [REDACTED:email]");
    assertThat(attributes.path("note").asText()).isEqualTo(CANARY);
    assertThat(attributes.path("arbor.redaction.count").asLong()).isEqualTo(7);
    String filter = java.net.URLEncoder.encode("attributes['arbor.redaction.count'] > 5", StandardCharsets.UTF_8);
    assertThat(api.getJson("/api/projects/" + PROJECT + "/spans?filter=" + filter).get("data")).hasSize(1);
    assertThat(ApiClient.text(api.get("/metrics"))).contains("arbor_redactions_total 7.0");
  }

  @Test
  @Order(2)
  void theApi_listsRulesWithTheirSource_previewsText_refusesABadRule_andDeletes() {
    JsonNode rules = api.getJson("/api/redaction/rules").get("data");
    assertThat(rules).extracting(r -> r.path("name").asText() + "/" + r.path("source").asText())
        .containsExactly("email/file", "credit_card/file", "customer_id/file", "phone/api");
    assertThat(rules.get(0).path("id").isNull()).as("file rules change with the file").isTrue();

    JsonNode preview = ApiClient.json(api.send("POST", "/api/redaction/preview",
        "{\"text\":\"mail " + EMAIL + " about " + CUSTOMER + "\",\"project\":\"" + PROJECT + "\"}")).get("data");
    assertThat(preview.path("text").asText()).isEqualTo("mail [REDACTED:email] about [REDACTED:customer_id]");
    assertThat(preview.path("redactions").asInt()).isEqualTo(2);

    HttpResponse<byte[]> bad = api.send("POST", "/api/redaction/rules", "{\"name\":\"ids\",\"pattern\":\"(a+\"}");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(ApiClient.text(bad)).contains("pattern is not a valid RE2 expression");

    long id = rules.get(3).path("id").asLong();
    assertThat(api.send("DELETE", "/api/redaction/rules/" + id, null).statusCode()).isEqualTo(204);
    assertThat(api.send("DELETE", "/api/redaction/rules/" + id, null).statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(api.send("POST", "/api/redaction/preview", "{\"text\":\"" + PHONE + "\"}"))
        .at("/data/redactions").asInt()).as("the phone rule is gone").isZero();
  }

  @Test
  @Order(3)
  void theDatabase_holdsNoneOfTheOriginalText() throws Exception {
    running.stop();
    List<String> secrets = List.of(EMAIL, CARD, CUSTOMER, PHONE);
    try (Connection c = running.connect()) {
      for (String secret : secrets) {
        assertThat(rowsContaining(c, secret)).as(secret).isEmpty();
      }
      assertThat(rowsContaining(c, CANARY)).as("the scan sees stored text").isNotEmpty();
    }
    if (running.config().store() instanceof StoreConfig.DuckDb duck) {
      StringBuilder bytes = new StringBuilder();
      for (Path file : List.of(duck.file(), Path.of(duck.file() + ".wal"))) {
        if (Files.exists(file)) {
          bytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
      assertThat(bytes.indexOf(CANARY)).as("the bytes hold stored text as written").isNotEqualTo(-1);
      for (String secret : secrets) {
        assertThat(bytes.indexOf(secret)).as(secret + " in the database file").isEqualTo(-1);
      }
    }
  }



  /** {@code table: row} for every row of every table whose text holds {@code needle}. */
  private static List<String> rowsContaining(Connection c, String needle) throws Exception {
    StoreConfig store = running.config().store();
    boolean postgres = store instanceof StoreConfig.Postgres;
    List<String> tables = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
      ps.setString(1, postgres ? ((StoreConfig.Postgres) store).settings().schema() : "main");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    assertThat(tables).anyMatch(t -> t.startsWith("spans")).contains("traces", "redaction_rules");
    List<String> found = new ArrayList<>();
    for (String table : tables) {
      String rowText = postgres ? "t::text" : "CAST(t AS VARCHAR)";
      try (PreparedStatement ps = c.prepareStatement("SELECT " + rowText + " FROM \"" + table + "\" t WHERE "
          + rowText + " LIKE ?")) {
        ps.setString(1, "%" + needle + "%");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(table + ": " + rs.getString(1));
          }
        }
      }
    }
    return found;
  }
}

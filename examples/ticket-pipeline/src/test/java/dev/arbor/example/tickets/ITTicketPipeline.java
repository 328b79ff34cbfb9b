package dev.arbor.example.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.testkit.LocalArbor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Seed 004's test plan, run against a real Arbor: the example runs on its bundled fakes of Zendesk and the LLM
 * providers, sends its traces with arbor-sdk, and the assertions read them back through Arbor's REST API.
 */
class ITTicketPipeline {
  private static LocalArbor arbor;
  private static LocalArbor langfuse;
  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    arbor = LocalArbor.start();
    langfuse = LocalArbor.start(); // a second OTLP destination reached through Langfuse's path and auth
  }

  @AfterAll
  static void stop() {
    arbor.close();
    langfuse.close();
  }

  @Test
  void test1_podRun_hasTheRootTraceWithItsAttributesAndThePhaseChildren() throws Exception {
    Run run = run("seed-test-1", List.of(78788L, 79001L, 79155L, 79302L, 89618L), "pod", "gemini", Map.of());
    JsonNode root = run.root();
    assertThat(root.path("name").asText()).isEqualTo("Process Tickets");
    assertThat(root.path("attributes").path("analysis_type").asText()).isEqualTo("pod");
    assertThat(root.path("attributes").path("model_provider").asText()).isEqualTo("gemini");
    assertThat(root.path("attributes").path("ticket_count").asLong()).isEqualTo(5);
    assertThat(run.childrenOf(root)).extracting(s -> s.path("name").asText())
        .containsExactly("Phase 1: Fetch Tickets from Zendesk", "Phase 2: Synthesis", "Phase 3a: POD Categorization");
    JsonNode fetch = run.named("Phase 1: Fetch Tickets from Zendesk").get(0);
    assertThat(run.childrenOf(fetch)).hasSize(5).allSatisfy(t -> {
      assertThat(t.path("name").asText()).isEqualTo("fetch_ticket");
      assertThat(t.path("attributes").path("ticket_id").asLong()).isPositive();
      assertThat(run.childrenOf(t)).extracting(h -> h.path("attributes").path("http.request.method").asText())
          .containsOnly("GET");
    });
    assertThat(run.named("categorize_ticket")).hasSize(5).allSatisfy(c -> {
      assertThat(c.path("attributes").path("primary_pod").asText()).isNotEmpty();
      assertThat(c.path("attributes").path("confidence").asText()).isIn("confident", "not_confident");
      assertThat(run.childrenOf(c)).singleElement()
          .satisfies(llm -> assertThat(llm.path("span_kind").asText()).isEqualTo("LLM"));
    });
    assertThat(run.named("synthesize_ticket")).hasSize(5)
        .allSatisfy(s -> assertThat(s.path("attributes").path("synthesis_success").asBoolean()).isTrue());
    run.assertNoOrphans();
  }

  @Test
  void test2_dualExport_bothDestinationsHoldTheSameTraces() throws Exception {
    Map<String, String> langfuseEnv = Map.of("LANGFUSE_PUBLIC_KEY", "pk-lf-example", "LANGFUSE_SECRET_KEY",
        "sk-lf-example", "LANGFUSE_BASE_URL", langfuse.httpUrl());
    Run run = run("seed-test-2", List.of(78788L, 79440L), "diagnostics", "azure", langfuseEnv);
    Set<String> inArbor = run.spans.stream().map(s -> s.path("context").path("span_id").asText())
        .collect(Collectors.toSet());
    List<JsonNode> second = langfuse.spans("seed-test-2");
    assertThat(second).extracting(s -> s.path("context").path("trace_id").asText()).containsOnly(run.traceId);
    assertThat(second.stream().map(s -> s.path("context").path("span_id").asText()).collect(Collectors.toSet()))
        .isEqualTo(inArbor);
  }

  @Test
  void test3_both_runsPhases3aAnd3bAsOverlappingSiblings_withNoOrphans() throws Exception {
    Run run = run("seed-test-3", List.of(78788L, 79001L, 79155L, 79302L, 79440L, 79587L), "both", "azure", Map.of());
    JsonNode pod = run.named("Phase 3a: POD Categorization").get(0);
    JsonNode diagnostics = run.named("Phase 3b: Diagnostics Analysis").get(0);
    String rootId = run.root().path("context").path("span_id").asText();
    assertThat(pod.path("parent_id").asText()).isEqualTo(rootId);
    assertThat(diagnostics.path("parent_id").asText()).isEqualTo(rootId);
    assertThat(start(pod)).as("3a starts before 3b ends").isBefore(end(diagnostics));
    assertThat(start(diagnostics)).as("3b starts before 3a ends").isBefore(end(pod));
    assertThat(end(run.root())).isAfterOrEqualTo(end(pod)).isAfterOrEqualTo(end(diagnostics));
    assertThat(run.childrenOf(pod)).hasSize(6);
    assertThat(run.childrenOf(diagnostics)).hasSize(6).allSatisfy(d -> {
      assertThat(d.path("attributes").path("was_used").asText()).isIn("yes", "no", "unknown");
      assertThat(d.path("attributes").path("could_help").asText()).isIn("yes", "no", "maybe");
    });
    run.assertNoOrphans();
  }

  @Test
  void test4_anInvalidTicketId_isAnErrorSpanWithTheException_whileTheOthersComplete() throws Exception {
    Run run = run("seed-test-4", List.of(78788L, 99999999L, 79001L), "pod", "anthropic", Map.of());
    JsonNode failed = run.named("fetch_ticket").stream()
        .filter(s -> s.path("attributes").path("ticket_id").asLong() == 99999999L).findFirst().orElseThrow();
    assertThat(failed.path("status_code").asText()).isEqualTo("ERROR");
    assertThat(failed.path("status_message").asText()).contains("ticket 99999999 not found");
    JsonNode exception = failed.path("events").get(0);
    assertThat(exception.path("name").asText()).isEqualTo("exception");
    assertThat(exception.path("attributes").path("exception.type").asText()).endsWith("TicketNotFoundException");
    assertThat(exception.path("attributes").path("exception.stacktrace").asText()).contains("ZendeskClient");
    JsonNode http404 = run.childrenOf(failed).get(0);
    assertThat(http404.path("attributes").path("http.response.status_code").asLong()).isEqualTo(404);
    assertThat(http404.path("status_code").asText()).isEqualTo("ERROR");
    assertThat(run.outcome.results()).filteredOn(r -> !r.failed()).extracting(TicketResult::ticketId)
        .containsExactly(78788L, 79001L);
    assertThat(run.named("categorize_ticket")).hasSize(2);
    assertThat(run.root().path("attributes").path("failed_count").asLong()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource({"gemini, gemini-2.5-flash, google", "azure, gpt-4o-2024-11-20, azure",
      "anthropic, claude-sonnet-4-5-20250929, anthropic"})
  void test5_eachProvidersSpans_carryItsModelNameAndTokenCounts(String provider, String model, String host)
      throws Exception {
    Run run = run("seed-test-5-" + provider, List.of(79155L, 89702L), "pod", provider, Map.of());
    List<JsonNode> llm = run.spans.stream().filter(s -> s.path("span_kind").asText().equals("LLM")).toList();
    assertThat(llm).hasSize(4).allSatisfy(s -> {
      JsonNode a = s.path("attributes");
      assertThat(a.path("llm.model_name").asText()).isEqualTo(model);
      assertThat(a.path("llm.provider").asText()).isEqualTo(host);
      assertThat(a.path("llm.token_count.prompt").asLong()).isPositive();
      assertThat(a.path("llm.token_count.completion").asLong()).isPositive();
      assertThat(a.path("llm.invocation_parameters").asText()).contains("\"temperature\":0.3");
    });
  }

  @Test
  void aRateLimitedTicket_isFetchedAfterWaitingOutThe429() throws Exception {
    Run run = run("seed-rate-limit", List.of(78969L), "pod", "gemini", Map.of());
    List<Long> statuses = run.spans.stream()
        .filter(s -> s.path("attributes").has("http.response.status_code"))
        .sorted(java.util.Comparator.comparing(s -> s.path("start_time").asText()))
        .map(s -> s.path("attributes").path("http.response.status_code").asLong()).toList();
    assertThat(statuses).containsExactly(429L, 200L, 200L);
    assertThat(run.outcome.results().get(0).failed()).isFalse();
  }

  @Test
  void theResultsFile_isWrittenAsCsvWhenAskedFor() throws Exception {
    Path csv = dir.resolve("results.csv");
    run("seed-csv", List.of(78788L, 99999999L), "both", "gemini", Map.of(), csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("ticket_id,processing_status,error,issue_reported");
    assertThat(lines.get(1)).startsWith("78788,success,,Workflow stuck in approval step");
    assertThat(lines.get(2)).startsWith("99999999,failed,ticket 99999999 not found");
  }

  private Run run(String project, List<Long> ids, String type, String provider, Map<String, String> extraEnv)
      throws Exception {
    return run(project, ids, type, provider, extraEnv, dir.resolve("results.json"));
  }

  private Run run(String project, List<Long> ids, String type, String provider, Map<String, String> extraEnv,
      Path output) throws Exception {
    Path input = dir.resolve("tickets.csv");
    Files.writeString(input, "ticket_id\n" + ids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
    TicketPipelineApp app = new TicketPipelineApp();
    new CommandLine(app).parseArgs("--input", input.toString(), "--analysis-type", type, "--model-provider", provider,
        "--output", output.toString(), "--offline", "--fake-latency-ms", "40");
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("ARBOR_COLLECTOR_ENDPOINT", arbor.httpUrl());
    env.put("ARBOR_PROJECT_NAME", project);
    TicketPipelineApp.Outcome outcome = app.execute(env, false);
    assertThat(outcome.droppedSpans()).isZero();
    List<JsonNode> spans = arbor.spans(project);
    assertThat(spans).extracting(s -> s.path("context").path("trace_id").asText()).containsOnly(outcome.traceId());
    return new Run(outcome, outcome.traceId(), spans);
  }

  private static Instant start(JsonNode span) {
    return Instant.parse(span.path("start_time").asText());
  }

  private static Instant end(JsonNode span) {
    return Instant.parse(span.path("end_time").asText());
  }

  private record Run(TicketPipelineApp.Outcome outcome, String traceId, List<JsonNode> spans) {
    JsonNode root() {
      List<JsonNode> roots = spans.stream().filter(s -> s.path("parent_id").isNull()
          || s.path("parent_id").asText().isEmpty()).toList();
      assertThat(roots).hasSize(1);
      return roots.get(0);
    }

    List<JsonNode> named(String name) {
      return spans.stream().filter(s -> s.path("name").asText().equals(name)).toList();
    }

    List<JsonNode> childrenOf(JsonNode parent) {
      String id = parent.path("context").path("span_id").asText();
      return spans.stream().filter(s -> id.equals(s.path("parent_id").asText())).toList();
    }

    void assertNoOrphans() {
      Set<String> ids = spans.stream().map(s -> s.path("context").path("span_id").asText()).collect(Collectors.toSet());
      assertThat(spans).filteredOn(s -> !s.path("parent_id").isNull() && !s.path("parent_id").asText().isEmpty())
          .allSatisfy(s -> assertThat(ids).as("parent of " + s.path("name").asText())
              .contains(s.path("parent_id").asText()));
    }
  }
}

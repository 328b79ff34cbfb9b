package dev.arbor.example.tickets;

import dev.arbor.example.tickets.fake.FakeServices;
import dev.arbor.example.tickets.llm.LlmClient;
import dev.arbor.example.tickets.llm.LlmProvider;
import dev.arbor.example.tickets.llm.LlmSettings;
import dev.arbor.example.tickets.llm.TracedLlm;
import dev.arbor.sdk.Arbor;
import dev.arbor.sdk.ArborTracing;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import io.opentelemetry.api.trace.Tracer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ticket-pipeline --input tickets.csv --analysis-type both --model-provider azure}: seed 004's ticket
 * summariser. Tracing is set up from the environment like any arbor-sdk application (by default to Arbor at
 * {@code http://localhost:6006}, project {@code ticket-pipeline}). Without Zendesk and provider credentials in the
 * environment, or with {@code --offline}, it starts local fakes of those services and runs against them.
 */
@Command(name = "ticket-pipeline", mixinStandardHelpOptions = true,
    description = "Fetch support tickets, synthesise them with an LLM, then categorise and/or analyse diagnostics.")
public final class TicketPipelineApp implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "CSV file of ticket ids (first column)")
  Path input;

  @Option(names = "--analysis-type", defaultValue = "pod", description = "pod, diagnostics or both")
  String analysisType;

  @Option(names = "--model-provider", defaultValue = "gemini", description = "gemini, azure or anthropic")
  String modelProvider;

  @Option(names = "--output", defaultValue = "ticket-results.json", description = "results file (.json or .csv)")
  Path output;

  @Option(names = "--offline", description = "use the bundled fakes of Zendesk and the providers even when "
      + "credentials are set")
  boolean offline;

  @Option(names = "--fake-latency-ms", defaultValue = "300", description = "how long each fake model call takes")
  long fakeLatencyMs;

  @Option(names = "--concurrency", defaultValue = "4", description = "tickets worked on at the same time")
  int concurrency;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TicketPipelineApp()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Outcome outcome = execute(System.getenv(), true);
    long failed = outcome.results().stream().filter(TicketResult::failed).count();
    System.out.printf("%d tickets processed, %d failed, in %.1f s; results in %s%n", outcome.results().size() - failed,
        failed, outcome.pipelineTime().toMillis() / 1000.0, output.toAbsolutePath());
    System.out.printf("Trace %s in project '%s'%n", outcome.traceId(), outcome.project());
    return 0;
  }

  /** What a run produced: the results and the id of the trace that recorded it. */
  public record Outcome(List<TicketResult> results, String traceId, String project, long droppedSpans,
      Duration pipelineTime) {}

  /** Runs the pipeline with settings read from {@code env}; tests call this with their own environment. */
  public Outcome execute(Map<String, String> env, boolean shutdownHook) throws Exception {
    AnalysisType type = AnalysisType.valueOf(analysisType.trim().toUpperCase(java.util.Locale.ROOT));
    LlmProvider provider = LlmProvider.parse(modelProvider);
    List<Long> ids = TicketIds.read(input);
    boolean useFakes = offline || !provider.configuredIn(env) || blank(env.get("ZENDESK_BASE_URL"));
    if (useFakes && !offline) {
      System.err.println("ticket-pipeline: no " + (blank(env.get("ZENDESK_BASE_URL")) ? "ZENDESK_BASE_URL"
          : provider.displayName() + " credentials") + " in the environment: running against the bundled fakes");
    }
    Arbor.Builder tracingSetup = Arbor.builder().setEnvironment(env).setServiceName("ticket-pipeline")
        .setRegisterGlobal(false).setShutdownHook(shutdownHook);
    if (blank(env.get("ARBOR_PROJECT_NAME")) && blank(env.get("PHOENIX_PROJECT_NAME"))) {
      tracingSetup.setProjectName("ticket-pipeline");
    }
    try (ArborTracing tracing = tracingSetup.register();
        FakeServices fakes = useFakes ? FakeServices.start(Duration.ofMillis(fakeLatencyMs)) : null) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      Tracer otel = tracing.openTelemetry().getTracer("ticket-pipeline");
      TracedHttp tracedHttp = new TracedHttp(http, otel, tracing.openTelemetry().getPropagators().getTextMapPropagator());
      ZendeskClient zendesk = useFakes
          ? new ZendeskClient(tracedHttp, fakes.zendeskUrl(), null, null, Duration.ofSeconds(5))
          : new ZendeskClient(tracedHttp, env.get("ZENDESK_BASE_URL"), env.get("ZENDESK_EMAIL"),
              env.get("ZENDESK_API_TOKEN"), Duration.ofSeconds(60));
      LlmSettings settings = useFakes ? fakes.settings(provider) : provider.settingsFrom(env);
      LlmClient client = provider.client(settings, http);
      OpenInferenceTracer tracer = tracing.tracer("ticket-pipeline");
      TicketPipeline pipeline = new TicketPipeline(zendesk, new TracedLlm(client, provider, tracer), tracer,
          concurrency);
      long started = System.nanoTime();
      TicketPipeline.Run run = pipeline.run(ids, type, input.getFileName().toString());
      ResultWriter.write(output, run.results(), provider.label());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      tracing.forceFlush(Duration.ofSeconds(10));
      return new Outcome(run.results(), run.traceId(), tracing.projectName(), tracing.droppedSpans(), took);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

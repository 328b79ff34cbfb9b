package dev.arbor.bench;

import dev.arbor.example.tickets.TicketPipelineApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine;

/**
 * What tracing with arbor-sdk costs an application. First, with JMH, one LLM span written with Arbor's helpers
 * beside the same span written with the plain OpenTelemetry API, in the same run ({@link SdkSpanBenchmark}).
 * Then the ticket-pipeline example end to end, tracing on (to a real Arbor in this process) and off, runs
 * alternating, against its fakes with a realistic model latency.
 *
 * <p>{@code ./arbor bench sdk [--part all|span|pipeline] [--runs 5] [--tickets 10] [--latency-ms 300] [--forks 1]}
 */
public final class SdkBench {
  private SdkBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new HashMap<>(Map.of("runs", "5", "tickets", "10", "latency-ms", "300", "forks", "1", "part", "all"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "SDK benchmark, %d cores, JDK %s%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    String part = o.get("part");
    if (!part.equals("pipeline")) {
      spanCost(Integer.parseInt(o.get("forks")), report);
    }
    if (!part.equals("span")) endToEnd(Integer.parseInt(o.get("runs")), Integer.parseInt(o.get("tickets")),
        Long.parseLong(o.get("latency-ms")), report);
    System.out.println();
    System.out.println(report);
  }

  private static void spanCost(int forks, StringBuilder report) throws Exception {
    Options options = new OptionsBuilder().include(SdkSpanBenchmark.class.getName()).forks(forks)
        .warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
        .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
        .jvmArgsAppend("-Xmx1g").build();
    Collection<RunResult> results = new Runner(options).run();
    double plain = Double.NaN;
    double arbor = Double.NaN;
    double fresh = Double.NaN;
    report.append("One LLM span, 15 attributes, on the application thread (JMH average, ns per span):\n");
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replaceFirst(".*\\.", "");
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      report.append(String.format(Locale.ROOT, "  %-20s %8.0f ± %.0f ns%n", name, score, error));
      if (name.equals("plainOpenTelemetry")) plain = score;
      if (name.equals("arborHelpers")) arbor = score;
      if (name.equals("arborHelpersFreshParameters")) fresh = score;
    }
    report.append(String.format(Locale.ROOT, "  Arbor's helpers / plain OpenTelemetry: %.2f× (parameters a constant), "
        + "%.2f× (parameters in a new map each call)%n%n", arbor / plain, fresh / plain));
  }

  private static void endToEnd(int runs, int tickets, long latencyMs, StringBuilder report) throws Exception {
    Path dir = Files.createTempDirectory("arbor-sdkbench");
    Path input = dir.resolve("tickets.csv");
    long[] ids = {78788, 78969, 79001, 79155, 79302, 79440, 79587, 89618, 89702, 89855};
    StringBuilder csv = new StringBuilder("ticket_id\n");
    for (int i = 0; i < tickets; i++) {
      csv.append(ids[i % ids.length]).append('\n');
    }
    Files.writeString(input, csv);
    // Arbor runs in its own process, as beside a real application: the application's JVM pays for the SDK only.
    int port = freePort();
    Process arbor = startArbor(dir, port);
    try {
      Map<String, String> on = Map.of("ARBOR_COLLECTOR_ENDPOINT", "http://127.0.0.1:" + port,
          "ARBOR_PROJECT_NAME", "sdk-bench");
      Map<String, String> off = Map.of("ARBOR_TRACING_ENABLED", "false");
      run(input, dir, on, latencyMs); // warm-up, both ways
      run(input, dir, off, latencyMs);
      double[][] withTracing = new double[2][runs];
      double[][] without = new double[2][runs];
      for (int i = 0; i < runs; i++) {
        double[] a = run(input, dir, on, latencyMs);
        double[] b = run(input, dir, off, latencyMs);
        withTracing[0][i] = a[0];
        withTracing[1][i] = a[1];
        without[0][i] = b[0];
        without[1][i] = b[1];
      }
      report.append(String.format(Locale.ROOT, "Ticket pipeline, %d tickets, --analysis-type both, fake model latency "
          + "%d ms ± 20%%, %d runs each, alternating (medians):%n", tickets, latencyMs, runs));
      String[] what = {"whole run (tracing set-up, pipeline, final flush)", "the pipeline's work alone"};
      for (int k = 0; k < 2; k++) {
        double medianOn = median(withTracing[k]);
        double medianOff = median(without[k]);
        report.append("  ").append(what[k]).append(":\n");
        report.append(String.format(Locale.ROOT, "    tracing off  %8.0f ms   (runs: %s)%n", medianOff, list(without[k])));
        report.append(String.format(Locale.ROOT, "    tracing on   %8.0f ms   (runs: %s)%n", medianOn,
            list(withTracing[k])));
        report.append(String.format(Locale.ROOT, "    overhead: %+.2f%%%n", (medianOn / medianOff - 1) * 100));
      }
    } finally {
      arbor.destroy();
      arbor.waitFor();
    }
  }

  private static Process startArbor(Path dir, int port) throws Exception {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(javaBin, "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), "dev.arbor.server.cli.ArborCommand", "serve", "--port",
        String.valueOf(port), "--grpc-port", String.valueOf(freePort()), "--working-dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("arbor.log").toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroy();
    throw new IllegalStateException("Arbor did not start; see " + dir.resolve("arbor.log"));
  }

  /** One run of the example: its whole time and its pipeline's alone, in milliseconds. */
  private static double[] run(Path input, Path dir, Map<String, String> env, long latencyMs) throws Exception {
    TicketPipelineApp app = new TicketPipelineApp();
    new CommandLine(app).parseArgs("--input", input.toString(), "--analysis-type", "both", "--offline",
        "--fake-latency-ms", String.valueOf(latencyMs), "--output", dir.resolve("out.json").toString());
    long started = System.nanoTime();
    TicketPipelineApp.Outcome outcome = app.execute(env, false);
    return new double[] {(System.nanoTime() - started) / 1e6, outcome.pipelineTime().toNanos() / 1e6};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String list(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double v : values) {
      if (out.length() > 0) out.append(", ");
      out.append(String.format(Locale.ROOT, "%.0f", v));
    }
    return out.toString();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

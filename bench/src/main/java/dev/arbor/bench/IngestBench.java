package dev.arbor.bench;

import dev.arbor.server.ArborServer;
import dev.arbor.server.config.ArborConfig;
import dev.arbor.server.config.ConfigResolver;
import dev.arbor.server.config.Setting;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ingest benchmark: the raw Appender baseline, then Arbor's server over each transport (closed loop
 * for the sustained rate, then paced at half of it for acknowledgement latency), and optionally an
 * overload run that samples the heap. Prints a Markdown report.
 *
 * <p>{@code ./arbor bench ingest [--store duckdb|postgres] [--seconds 30] [--concurrency 8] [--batch 200]
 * [--baseline-spans 200000] [--transports grpc,http,http-gzip] [--overload-seconds 0]}. On PostgreSQL the
 * baseline is a raw COPY of the same spans into the same table, on a server the benchmark starts.
 */
public final class IngestBench {
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>(Map.of("seconds", "30", "concurrency", "8",
        "batch", "200", "baseline-spans", "200000", "transports", "grpc,http,http-gzip", "overload-seconds", "0",
        "checkpoint-threshold", "256MB", "store", "duckdb"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path work = Files.createTempDirectory("arbor-bench");
    boolean postgres = options.get("store").equals("postgres");
    try (BenchPostgres server = postgres ? BenchPostgres.start(work.resolve("pgdata")) : null) {
      run(options, work, server);
    }
  }

  private static void run(Map<String, String> options, Path work, BenchPostgres postgres) throws Exception {
    double seconds = Double.parseDouble(options.get("seconds"));
    int concurrency = Integer.parseInt(options.get("concurrency"));
    int batch = Integer.parseInt(options.get("batch"));
    String checkpoint = options.get("checkpoint-threshold");
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "Ingest benchmark on %s: %s s per run, %d senders, %d spans per request, "
        + "%s, %d cores, JDK %s%n%n", postgres == null ? "DuckDB" : "PostgreSQL", options.get("seconds"), concurrency,
        batch, postgres == null ? "checkpoint_threshold " + checkpoint : "fsync and synchronous_commit on",
        Runtime.getRuntime().availableProcessors(), Runtime.version()));

    int baselineSpans = Integer.parseInt(options.get("baseline-spans"));
    double baseline = postgres == null
        ? AppenderBaseline.run(work.resolve("baseline.duckdb"), checkpoint, baselineSpans, 1000)
        : CopyBaseline.run(postgres, "baseline", baselineSpans, 1000);
    String baselineName = postgres == null ? "raw Appender" : "raw COPY";
    report.append(String.format(Locale.ROOT, "Baseline, %s (%d spans, 1000 per commit): **%.0f spans/s**%n%n",
        postgres == null ? "raw DuckDB Appender" : "raw PostgreSQL COPY", baselineSpans, baseline));
    report.append("| transport | spans/s | MB/s on the wire | vs " + baselineName + " | ack p50 ms | ack p99 ms "
        + "| refused | paced at | paced ack p50 ms | paced ack p99 ms |\n");
    report.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String transport : options.get("transports").split(",")) {
      if (transport.isBlank() || transport.equals("none")) {
        continue;
      }
      Path dir = work.resolve(transport);
      try (ArborServer server = ArborServer.start(config(dir, checkpoint, postgres, transport.replace('-', '_')))) {
        Senders.Sender sender = Senders.of(transport, server.httpPort(), server.grpcPort());
        LlmSpanGenerator generator = new LlmSpanGenerator("bench", transport.hashCode());
        LoadRun.run(sender, generator, concurrency, batch, Math.min(5, seconds), 0); // warm-up
        LoadRun.Result full = LoadRun.run(sender, generator, concurrency, batch, seconds, 0);
        double half = full.spansPerSecond() / 2;
        LoadRun.Result paced = LoadRun.run(sender, generator, concurrency, batch, seconds, half);
        report.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f%% | %.1f | %.1f | %d | %.0f/s | %.1f | %.1f |%n",
            transport, full.spansPerSecond(), full.megabytesPerSecond(), 100 * full.spansPerSecond() / baseline,
            full.latencyMillis(0.5), full.latencyMillis(0.99), full.refused(), paced.spansPerSecond(),
            paced.latencyMillis(0.5), paced.latencyMillis(0.99)));
        System.out.print(report);
        report.setLength(0);
      }
    }
    double overload = Double.parseDouble(options.get("overload-seconds"));
    if (overload > 0) {
      System.out.print(overloadRun(config(work.resolve("overload"), checkpoint, postgres, "overload"), overload,
          batch));
    }
  }

  /** A server on a fresh DuckDB file in {@code dir}, or on a fresh {@code schema} of the PostgreSQL server. */
  private static ArborConfig config(Path dir, String checkpoint, BenchPostgres postgres, String schema) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.WORKING_DIR, dir.toString());
    flags.put(Setting.PORT, String.valueOf(freePort()));
    flags.put(Setting.GRPC_PORT, String.valueOf(freePort()));
    flags.put(Setting.DUCKDB_CHECKPOINT_THRESHOLD, checkpoint);
    if (postgres != null) {
      flags.put(Setting.DATABASE_URL, postgres.url());
      flags.put(Setting.DATABASE_SCHEMA, schema);
    }
    return ConfigResolver.resolve(flags, Map.of());
  }

  /** Enough senders that their requests in flight (about 3× their wire size each) exceed the queue budget. */
  private static final int OVERLOAD_SENDERS = 256;

  /** Many more senders than the server can serve for a long time; heap after GC sampled every 10 s. */
  private static String overloadRun(ArborConfig config, double seconds, int batch) throws Exception {
    List<Long> heap = new ArrayList<>();
    LoadRun.Result result;
    try (ArborServer server = ArborServer.start(config)) {
      Senders.Sender sender = Senders.of("grpc", server.httpPort(), server.grpcPort());
      Thread sampler = Thread.ofPlatform().daemon().start(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException e) {
            return;
          }
          heap.add(heapAfterGc());
        }
      });
      result = LoadRun.run(sender, new LlmSpanGenerator("overload", 3), OVERLOAD_SENDERS, batch, seconds, 0);
      sampler.interrupt();
    }
    long min = heap.stream().mapToLong(Long::longValue).min().orElse(0);
    long max = heap.stream().mapToLong(Long::longValue).max().orElse(0);
    return String.format(Locale.ROOT, "%nOverload: %d gRPC senders for %.0f s: %.0f spans/s stored, %d exports "
        + "refused with UNAVAILABLE; heap after GC over %d samples: min %d MB, max %d MB, last %d MB%n"
        + "heap after GC every 10 s, MB: %s%n",
        OVERLOAD_SENDERS, seconds, result.spansPerSecond(), result.refused(), heap.size(), min >> 20, max >> 20,
        heap.isEmpty() ? 0 : heap.get(heap.size() - 1) >> 20,
        heap.stream().map(bytes -> String.valueOf(bytes >> 20)).collect(java.util.stream.Collectors.joining(" ")));
  }

  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long heapAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }
}

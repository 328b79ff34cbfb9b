package dev.arbor.bench;

import dev.arbor.server.ArborServer;
import dev.arbor.server.config.ConfigResolver;
import dev.arbor.server.config.Setting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The web UI's first screen on a filled store (one made by the query benchmark): a real server on it and the
 * machine's Chromium loading the project page, timed from navigation until the first page of traces and the
 * project's totals show, 10 times after 2 warm-ups; beside it, in the same run, the time the page's own
 * {@code fetch} takes for the same two answers (the server's share). Prints one Markdown line.
 *
 * <p>{@code ./arbor bench ui --dir /tmp/arbor-q1m [--runs 10]} (after {@code ./arbor bench query --dir …}).
 */
public final class UiBench {
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("runs", "10"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path dir = Path.of(options.getOrDefault("dir", ""));
    if (!Files.exists(dir.resolve("filled-duckdb"))) {
      throw new IllegalArgumentException("--dir must hold a store filled by ./arbor bench query: " + dir);
    }
    Path scripts = Path.of("bench", "ui").toAbsolutePath();
    run(scripts, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.WORKING_DIR, dir.toString());
    flags.put(Setting.PORT, String.valueOf(IngestBench.freePort()));
    flags.put(Setting.GRPC_PORT, String.valueOf(IngestBench.freePort()));
    try (ArborServer server = ArborServer.start(ConfigResolver.resolve(flags, Map.of()))) {
      String timings = run(scripts, Map.of("ARBOR_URL", "http://127.0.0.1:" + server.httpPort(), "PROJECT",
          BenchStore.PROJECT, "CHROMIUM", "/usr/bin/chromium", "RUNS", options.get("runs")), "node", "first-screen.mjs");
      System.out.printf("UI first screen, %s spans (%s): %s%n", Files.readString(dir.resolve("filled-duckdb")).strip(),
          dir, timings.strip());
    }
  }

  private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output.lines().reduce((a, b) -> b).orElse("");
  }

  private UiBench() {}
}

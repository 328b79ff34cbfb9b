package dev.arbor.bench;

import dev.arbor.server.ArborServer;
import dev.arbor.server.config.ArborConfig;
import dev.arbor.server.config.ConfigResolver;
import dev.arbor.server.config.Setting;
import dev.arbor.store.SpanStore;
import dev.arbor.store.duckdb.DuckDbSettings;
import dev.arbor.store.duckdb.DuckDbSpanStore;
import dev.arbor.store.postgres.PostgresSpanStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query benchmark: a store of N generated spans, each query timed through Arbor's HTTP API and, as the
 * baseline of the same run, the same result computed by hand-written SQL on the same database (read
 * fully, all columns, before the server opens the file). Prints a Markdown report.
 *
 * <p>{@code ./arbor bench query [--store duckdb|postgres] [--spans 1000000] [--runs 20] [--warmup 3]
 * [--dir PATH] [--only TEXT]}; an existing {@code --dir} with a filled store is reused; {@code --only} times the
 * queries whose name contains the text (such as {@code dashboard}; {@code slowest,chains} for either). On PostgreSQL
 * the benchmark starts a server whose data directory is in {@code --dir}.
 */
public final class QueryBench {
  /** One query: its API path and the hand-written SQL that computes the same result. */
  record Case(String name, String target, String apiPath, String sql, List<Object> args) {}

  /** What differs in the hand-written SQL between the two databases. */
  record Dialect(String name, java.util.function.Function<String, String> attributeText,
      java.util.function.BiFunction<String, String, String> contains,
      java.util.function.Function<String, String> percentiles) {
    static final Dialect DUCKDB = new Dialect("DuckDB", key -> "json_extract_string(attributes, '$." + key + "')",
        (column, text) -> "contains(" + column + ", '" + text + "')",
        x -> "quantile_disc(" + x + ", [0.5, 0.95, 0.99])");
    static final Dialect POSTGRES = new Dialect("PostgreSQL", key -> "(attributes ->> '" + key + "')",
        (column, text) -> "strpos(" + column + ", '" + text + "') > 0",
        x -> "percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY " + x + ")");
  }

  /** The cases whose name contains {@code only}, or one of its comma-separated parts. */
  private static List<Case> cases(long projectId, Dialect d, String only) {
    List<String> parts = List.of(only.split(","));
    return cases(projectId, d).stream().filter(k -> parts.stream().anyMatch(k.name()::contains)).toList();
  }

  private static List<Case> cases(long projectId, Dialect d) {
    // The best hand-written SQL on the same schema: the traces table's totals and the root rows of the page.
    String traceList = "WITH page AS (SELECT * FROM traces WHERE project_id = ? AND root_id IS NOT NULL"
        + " ORDER BY root_start_ns DESC, root_id DESC LIMIT 50)"
        + " SELECT s.*, page.* FROM page JOIN spans s ON s.id = page.root_id"
        + " ORDER BY page.root_start_ns DESC, page.root_id DESC";
    String filteredTraceList = "WITH roots AS (SELECT id FROM spans WHERE project_id = ? AND parent_span_id IS NULL"
        + " %s ORDER BY start_time_ns DESC, id DESC LIMIT 50)"
        + " SELECT s.*, t.* FROM roots JOIN spans s ON s.id = roots.id JOIN traces t ON t.root_id = roots.id"
        + " ORDER BY s.start_time_ns DESC, s.id DESC";
    String spans = "SELECT * FROM spans WHERE project_id = ? AND %s ORDER BY id DESC LIMIT 50";
    String traces = "/v1/projects/bench/traces?limit=50";
    java.time.Instant monthAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(30));
    long monthAgoNanos = monthAgo.getEpochSecond() * 1_000_000_000L;
    return List.of(
        new Case("trace list, first page", "≤ 50 ms at 1M, ≤ 100 ms at 10M", traces, traceList, List.of(projectId)),
        new Case("trace list, root status ERROR", "", traces + "&filter=" + q("status_code == 'ERROR'"),
            filteredTraceList.formatted("AND status_code = 'ERROR'"), List.of(projectId)),
        new Case("trace list, root attribute ticket_id (one match)", "",
            traces + "&filter=" + q("attributes['ticket_id'] == 'T-100042'"),
            filteredTraceList.formatted("AND " + d.attributeText().apply("ticket_id") + " = 'T-100042'"),
            List.of(projectId)),
        new Case("trace list, substring of input/output (absent)", "≤ 1 s at 1M",
            traces + "&filter=" + q("'zebra' in input.value or 'zebra' in output.value"),
            filteredTraceList.formatted("AND (" + d.contains().apply("input_value", "zebra") + " OR "
                + d.contains().apply("output_value", "zebra") + ")"),
            List.of(projectId)),
        new Case("one trace of 1,000 spans", "≤ 20 ms",
            "/v1/projects/bench/spans?limit=1000&trace_id=" + BenchStore.BIG_TRACE,
            "SELECT * FROM spans WHERE trace_id = ? ORDER BY id DESC", List.of(BenchStore.BIG_TRACE)),
        new Case("span search, model attribute (canonical)", "",
            "/v1/projects/bench/spans?limit=50&attribute=" + q("llm.model_name:\"claude-sonnet-4\""),
            spans.formatted("model_name = 'claude-sonnet-4'"), List.of(projectId)),
        new Case("span search, JSON attribute ticket_id (8 matches)", "",
            "/v1/projects/bench/spans?limit=50&attribute=" + q("ticket_id:\"T-100042\""),
            spans.formatted(d.attributeText().apply("ticket_id") + " = 'T-100042'"), List.of(projectId)),
        new Case("span search, kind LLM and status ERROR", "",
            "/v1/projects/bench/spans?limit=50&span_kind=LLM&status_code=ERROR",
            spans.formatted("span_kind = 'LLM' AND status_code = 'ERROR'"), List.of(projectId)),
        // Dashboards over the last 30 days (every span of the store). The API reads whole hours from the rollups
        // and the partial hour at each end from the spans; with exact=true it scans the spans, one GROUP BY with
        // the range's totals. The baseline is the hand-written raw scan of the same series.
        new Case("dashboard: per model per hour, 30 days (calls, errors, tokens, cost, p50/p95/p99)",
            "≤ 300 ms p95 at 10M",
            "/api/projects/bench/metrics?bucket=3600&group_by=model&start_time=" + q(monthAgo.toString()),
            perHour(d, "model_name"), List.of(projectId, monthAgoNanos)),
        new Case("dashboard: the same, exact=true (raw scan through the API)", "",
            "/api/projects/bench/metrics?bucket=3600&group_by=model&exact=true&start_time=" + q(monthAgo.toString()),
            perHour(d, "model_name"), List.of(projectId, monthAgoNanos)),
        new Case("dashboard: calls by span kind, 6-hour buckets, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/metrics?bucket=21600&group_by=span_kind&start_time=" + q(monthAgo.toString()),
            "SELECT start_time_ns / 21600000000000 AS bucket, span_kind, count(*),"
                + " count(*) FILTER (WHERE status_code = 'ERROR'), sum(total_tokens), sum(cost_total), "
                + d.percentiles().apply("end_time_ns - start_time_ns")
                + " FROM spans WHERE project_id = ? AND start_time_ns >= ? GROUP BY 1, 2 ORDER BY 1, 2",
            List.of(projectId, monthAgoNanos)),
        new Case("dashboard: models side by side, 30 days in one bucket", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/metrics?bucket=all&group_by=model&start_time=" + q(monthAgo.toString()),
            "SELECT model_name, count(*), count(*) FILTER (WHERE status_code = 'ERROR'), sum(total_tokens),"
                + " sum(cost_total), " + d.percentiles().apply("end_time_ns - start_time_ns")
                + " FROM spans WHERE project_id = ? AND start_time_ns >= ? GROUP BY 1 ORDER BY 1",
            List.of(projectId, monthAgoNanos)),
        new Case("dashboard: errors by message, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/metrics?bucket=all&group_by=status_message&filter=" + q("status_code == 'ERROR'")
                + "&start_time=" + q(monthAgo.toString()),
            "SELECT status_message, count(*) FROM spans WHERE project_id = ? AND start_time_ns >= ?"
                + " AND status_code = 'ERROR' GROUP BY 1", List.of(projectId, monthAgoNanos)),
        // Split by an attribute the user picks (an agent's name): the one the server's rollups keep (see config()).
        new Case("dashboard: split by attribute analysis_type, per hour, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/metrics?bucket=3600&group_by=attribute&group_key=analysis_type&start_time="
                + q(monthAgo.toString()),
            perHour(d, d.attributeText().apply("analysis_type")), List.of(projectId, monthAgoNanos)),
        // The rest of the Dashboard tab's requests: lists and the chains sample read the spans and traces.
        new Case("dashboard: slowest traces, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/traces?sort=latency_ms&order=desc&limit=5&start_time=" + q(monthAgo.toString()),
            "SELECT * FROM traces WHERE project_id = ? AND root_id IS NOT NULL AND root_start_ns >= ?"
                + " ORDER BY root_latency_ns DESC, root_id DESC LIMIT 5", List.of(projectId, monthAgoNanos)),
        new Case("dashboard: costliest traces, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/traces?sort=cost&order=desc&limit=5&start_time=" + q(monthAgo.toString()),
            "SELECT * FROM traces WHERE project_id = ? AND root_id IS NOT NULL AND root_start_ns >= ?"
                + " ORDER BY cost DESC NULLS LAST, root_id DESC LIMIT 5", List.of(projectId, monthAgoNanos)),
        new Case("dashboard: latest errors, 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/spans?limit=5&filter=" + q("status_code == 'ERROR'") + "&start_time="
                + q(monthAgo.toString()),
            "SELECT * FROM spans WHERE project_id = ? AND start_time_ns >= ? AND status_code = 'ERROR'"
                + " ORDER BY id DESC LIMIT 5", List.of(projectId, monthAgoNanos)),
        new Case("dashboard: chains, the newest 100 traces of 30 days", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/chains?start_time=" + q(monthAgo.toString()),
            "WITH t AS (SELECT trace_id FROM traces WHERE project_id = ? AND root_id IS NOT NULL"
                + " AND root_start_ns >= ? ORDER BY root_start_ns DESC, root_id DESC LIMIT 100)"
                + " SELECT s.* FROM t JOIN spans s ON s.trace_id = t.trace_id", List.of(projectId, monthAgoNanos)),
        new Case("dashboard: cost projection for the month", "≤ 300 ms p95 at 10M",
            "/api/projects/bench/cost-projection",
            "SELECT sum(cost_total), count(*) FILTER (WHERE cost_total IS NULL) FROM spans WHERE project_id = ?"
                + " AND start_time_ns >= ?", List.of(projectId, monthStartNanos())),
        new Case("session list, first page", "", "/v1/projects/bench/sessions?limit=50",
            "WITH ss AS (SELECT id, session_id FROM sessions WHERE project_id = ? ORDER BY id LIMIT 50)"
                + " SELECT ss.id, t.* FROM ss JOIN traces t ON t.session_id = ss.session_id AND t.project_id = ?"
                + " ORDER BY ss.id, t.start_ns", List.of(projectId, projectId)));
  }

  /** The start of this month (UTC), in nanoseconds: where the cost projection's month-to-date sum starts. */
  private static long monthStartNanos() {
    return java.time.YearMonth.now(java.time.ZoneOffset.UTC).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC)
        .toEpochSecond() * 1_000_000_000L;
  }

  /** The hand-written raw scan of a per-hour series grouped by {@code column}. */
  private static String perHour(Dialect d, String column) {
    return "SELECT start_time_ns / 3600000000000 AS hour, " + column + ", count(*),"
        + " count(*) FILTER (WHERE status_code = 'ERROR'), sum(total_tokens), sum(cost_total), "
        + d.percentiles().apply("end_time_ns - start_time_ns")
        + " FROM spans WHERE project_id = ? AND start_time_ns >= ? GROUP BY 1, 2 ORDER BY 1, 2";
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("spans", "1000000", "runs", "20", "warmup", "3"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    long total = Long.parseLong(options.get("spans"));
    int runs = Integer.parseInt(options.get("runs"));
    int warmup = Integer.parseInt(options.get("warmup"));
    boolean postgres = "postgres".equals(options.get("store"));
    Path dir = options.containsKey("dir") ? Path.of(options.get("dir")) : Files.createTempDirectory("arbor-qbench");
    Files.createDirectories(dir);
    try (BenchPostgres server = postgres ? BenchPostgres.start(dir.resolve("pgdata")) : null) {
      System.out.print(run(dir, server, total, runs, warmup, options.getOrDefault("only", "")));
    }
  }

  /** Fills the store unless {@code dir} holds a filled one, times each query both ways, returns the report. */
  private static String run(Path dir, BenchPostgres postgres, long total, int runs, int warmup, String only)
      throws Exception {
    Path file = dir.resolve("arbor.duckdb");
    Path filled = dir.resolve(postgres == null ? "filled-duckdb" : "filled-postgres");
    if (!Files.exists(filled)) {
      SpanStore store = postgres == null ? DuckDbSpanStore.open(new DuckDbSettings(file, "256MB", null))
          : PostgresSpanStore.open(postgres.settings(BenchStore.PROJECT));
      double seconds = BenchStore.fill(store, total);
      Files.writeString(filled, String.valueOf(total));
      System.err.printf("Filled the store with %,d spans in %.0f s (%.0f spans/s)%n", total, seconds, total / seconds);
    }
    Dialect dialect = postgres == null ? Dialect.DUCKDB : Dialect.POSTGRES;
    long projectId;
    long megabytes;
    Map<String, Timings> baseline = new HashMap<>();
    // DuckDB: the baseline's connection is closed before the server opens the file (one process at a time).
    try (Connection c = postgres == null ? DriverManager.getConnection("jdbc:duckdb:" + file)
        : postgres.connect(BenchStore.PROJECT)) {
      projectId = projectId(c);
      megabytes = (postgres == null ? Files.size(file) : postgresBytes(c)) >> 20;
      for (Case k : cases(projectId, dialect, only)) {
        baseline.put(k.name(), Timings.of(warmup, runs, () -> readAll(c, k)));
      }
    }
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "Query benchmark on %s: %s spans (%d MB), %d runs after %d warm-up, %d cores, JDK %s%n%n", dialect.name(),
        Files.readString(filled), megabytes, runs, warmup, Runtime.getRuntime().availableProcessors(),
        Runtime.version()));
    report.append("| query | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | API/SQL p50 | API/SQL p95 | target |\n");
    report.append("|---|---|---|---|---|---|---|---|\n");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (ArborServer server = ArborServer.start(config(dir, postgres))) {
      String base = "http://127.0.0.1:" + server.httpPort();
      // A server whose price book differs from the fill's recomputes the stored costs at start, in the background
      // (reading every span, writing those whose cost changes): the dashboards are timed once it is done, and how
      // long it took is reported.
      long settled = awaitRecompute(http, base);
      report.insert(report.indexOf("\n") + 1, String.format(Locale.ROOT,
          "The server's start-up cost recompute took %,d ms before timing.%n", settled));
      // One pass over every case first, as a server that has been up a while has compiled its hot paths: otherwise
      // the first case timed pays for the JIT (a 10M per-hour series: 405 ms p50 cold, about 120 ms warm).
      for (Case k : cases(projectId, dialect, only)) {
        get(http, base + k.apiPath());
      }
      for (Case k : cases(projectId, dialect, only)) {
        Timings api = Timings.of(warmup, runs, () -> get(http, base + k.apiPath()));
        Timings sql = baseline.get(k.name());
        report.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %s |%n", k.name(),
            api.percentile(0.5), api.percentile(0.95), sql.percentile(0.5), sql.percentile(0.95),
            api.percentile(0.5) / sql.percentile(0.5), api.percentile(0.95) / sql.percentile(0.95), k.target()));
      }
    }
    return report.toString();
  }

  /** The size of the spans partitions and the other tables of the schema, with their indexes. */
  private static long postgresBytes(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long projectId(Connection c) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM projects WHERE name = ?")) {
      ps.setString(1, BenchStore.PROJECT);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void readAll(Connection c, Case k) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(k.sql())) {
      for (int i = 0; i < k.args().size(); i++) {
        ps.setObject(i + 1, k.args().get(i));
      }
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int col = 1; col <= columns; col++) {
            rs.getObject(col);
          }
          rows++;
        }
      }
      if (rows == 0 && !k.name().contains("absent")) {
        throw new IllegalStateException("baseline of '" + k.name() + "' found nothing");
      }
    }
  }

  /** Waits (up to an hour) until the server's cost recompute is not running; returns how long that took. */
  private static long awaitRecompute(HttpClient http, String base) throws Exception {
    long started = System.nanoTime();
    while (System.nanoTime() - started < 3_600_000_000_000L) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/prices/recompute"))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && !response.body().contains("\"running\"")) {
        return (System.nanoTime() - started) / 1_000_000;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("the server's cost recompute did not finish within an hour");
  }

  private static void get(HttpClient http, String url) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static ArborConfig config(Path dir, BenchPostgres postgres) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.WORKING_DIR, dir.toString());
    if (postgres != null) {
      flags.put(Setting.DATABASE_URL, postgres.url());
      flags.put(Setting.DATABASE_SCHEMA, BenchStore.PROJECT);
    }
    flags.put(Setting.PORT, String.valueOf(IngestBench.freePort()));
    flags.put(Setting.GRPC_PORT, String.valueOf(IngestBench.freePort()));
    // The attribute the dashboard splits by, kept in the rollups; a store filled before rebuilds them at start.
    flags.put(Setting.ROLLUP_ATTRIBUTE, "analysis_type");
    return ConfigResolver.resolve(flags, Map.of());
  }

  private QueryBench() {}
}

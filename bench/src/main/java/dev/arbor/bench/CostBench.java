package dev.arbor.bench;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.model.pricing.PriceBook;
import dev.arbor.model.pricing.PriceList;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.server.config.StoreConfig;
import dev.arbor.store.CostGroup;
import dev.arbor.store.SpanStore;
import dev.arbor.store.duckdb.DuckDbSettings;
import dev.arbor.store.duckdb.DuckDbSpanStore;
import dev.arbor.store.postgres.PostgresSpanStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What pricing costs. At ingest: pricing a span beside normalising it (the step before it), both over the same
 * decoded spans in one run. After a price change: recomputing the stored costs of the largest model group
 * through the store (spans, then their traces' totals) beside a hand-written {@code UPDATE} of the spans' total
 * alone, on the same store in the same run.
 *
 * <p>{@code ./arbor bench cost [--store duckdb|postgres] [--spans 1000000] [--runs 5] [--dir PATH]}; a
 * {@code --dir} that the query benchmark filled is reused.
 */
public final class CostBench {
  private static final int CPU_SPANS = 50_000;

  private CostBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("spans", "1000000", "runs", "5"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int runs = Integer.parseInt(options.get("runs"));
    boolean postgres = "postgres".equals(options.get("store"));
    Path dir = options.containsKey("dir") ? Path.of(options.get("dir")) : Files.createTempDirectory("arbor-cbench");
    Files.createDirectories(dir);
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
        "Cost benchmark, %d runs after 2 warm-up, %d cores, JDK %s%n%n", runs,
        Runtime.getRuntime().availableProcessors(), Runtime.version()));
    report.append(ingest(runs));
    try (BenchPostgres server = postgres ? BenchPostgres.start(dir.resolve("pgdata")) : null) {
      report.append(recompute(dir, server, Long.parseLong(options.get("spans")), runs));
    }
    System.out.print(report);
  }

  /** Nanoseconds per span to normalise (baseline) and to price, over the same spans. */
  private static String ingest(int runs) throws Exception {
    LlmSpanGenerator generator = new LlmSpanGenerator("cost", 7);
    OtlpDecoder decoder = OtlpDecoder.create(524_288);
    SpanNormalizer normalizer = SpanNormalizer.create();
    List<Span> decoded = new ArrayList<>(CPU_SPANS);
    while (decoded.size() < CPU_SPANS) {
      decoded.addAll(decoder.decode(generator.request(1000), null).spans());
    }
    List<Span> normalized = decoded.stream().map(normalizer::normalize).toList();
    PriceBook book = PriceBook.of(PriceList.bundled());
    long[] sink = new long[1];
    Timings normalize = Timings.of(2, runs, () -> decoded.forEach(s -> sink[0] += normalizer.normalize(s).hashCode()));
    Timings price = Timings.of(2, runs, () -> normalized.forEach(s -> sink[0] += book.price(s).cost().hashCode()));
    double normalizeNs = normalize.percentile(0.5) * 1e6 / CPU_SPANS;
    double priceNs = price.percentile(0.5) * 1e6 / CPU_SPANS;
    return String.format(Locale.ROOT, "Ingest, per span (median of %d passes over %,d LLM spans, %d bundled prices):%n"
        + "| step | ns per span | × normalising |%n|---|---|---|%n| normalise (baseline) | %.0f | 1.00 |%n"
        + "| price | %.0f | %.2f |%n%n", runs, CPU_SPANS, book.prices().size(), normalizeNs, priceNs,
        priceNs / normalizeNs);
  }

  /** The store's recompute of the largest group against a hand-written UPDATE of the same spans. */
  private static String recompute(Path dir, BenchPostgres postgres, long total, int runs) throws Exception {
    Path file = dir.resolve("arbor.duckdb");
    Path filled = dir.resolve(postgres == null ? "filled-duckdb" : "filled-postgres");
    if (!Files.exists(filled)) {
      double seconds = BenchStore.fill(open(file, postgres), total);
      Files.writeString(filled, String.valueOf(total));
      System.err.printf("Filled the store with %,d spans in %.0f s%n", total, seconds);
    }
    CostGroup group;
    try (SpanStore store = open(file, postgres)) {
      group = store.costGroups().stream().max(Comparator.comparingLong(CostGroup::spans)).orElseThrow();
    }
    TokenPrices[] prices = {new TokenPrices(0.15, 0.6, 0.075, null, null), new TokenPrices(0.3, 1.2, null, null, null)};
    int[] turn = {0};
    String update = "UPDATE spans SET cost_total = CAST(coalesce(prompt_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000"
        + " + CAST(coalesce(completion_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000 WHERE model_name = ?";
    Timings handWritten;
    try (Connection c = postgres == null ? DriverManager.getConnection("jdbc:duckdb:" + file)
        : postgres.connect(BenchStore.PROJECT)) {
      handWritten = Timings.of(1, runs, () -> {
        TokenPrices p = prices[turn[0]++ % 2];
        try (PreparedStatement ps = c.prepareStatement(update)) {
          ps.setDouble(1, p.input());
          ps.setDouble(2, p.output());
          ps.setString(3, group.modelName());
          ps.executeUpdate();
        }
      });
    }
    Timings store;
    Timings unchanged;
    try (SpanStore opened = open(file, postgres)) {
      store = Timings.of(1, runs, () -> opened.recomputeCosts(group, prices[turn[0]++ % 2]));
      // The prices the spans already have, as after a price book that changed for other models only.
      TokenPrices current = prices[(turn[0] - 1) % 2];
      unchanged = Timings.of(1, runs, () -> opened.recomputeCosts(group, current));
    }
    double base = handWritten.percentile(0.5);
    double ours = store.percentile(0.5);
    double same = unchanged.percentile(0.5);
    return String.format(Locale.ROOT, "Recompute after a price change on %s, %,d spans stored; the largest model"
        + " group (%s, %,d spans), median of %d:%n| | ms | spans/s | × hand-written |%n|---|---|---|---|%n"
        + "| hand-written UPDATE of the spans' total (baseline) | %.0f | %,.0f | 1.00 |%n"
        + "| store: every cost column, then the traces' totals | %.0f | %,.0f | %.2f |%n"
        + "| store: the same prices again (no cost changes, nothing written) | %.0f | %,.0f | %.2f |%n",
        postgres == null ? "DuckDB" : "PostgreSQL", total, group.modelName(), group.spans(), runs, base,
        group.spans() / base * 1000, ours, group.spans() / ours * 1000, ours / base, same,
        group.spans() / same * 1000, same / base);
  }

  /** Opened as a server opens it by default: its rollups keep the agent's name, which a recompute keys too. */
  private static SpanStore open(Path file, BenchPostgres postgres) {
    return postgres == null ? DuckDbSpanStore.open(new DuckDbSettings(file, "256MB", null),
        StoreConfig.DEFAULT_ROLLUP_ATTRIBUTE)
        : PostgresSpanStore.open(postgres.settings(BenchStore.PROJECT), StoreConfig.DEFAULT_ROLLUP_ATTRIBUTE);
  }
}

package dev.arbor.server.config;

import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.redaction.RedactionRule;
import java.nio.file.Path;
import java.util.List;

/** The checked settings of one Arbor server. Build with {@link ConfigResolver}. */
public record ArborConfig(
    String host,
    int port,
    int grpcPort,
    Path workingDir,
    StoreConfig store,
    long maxRequestBytes,
    long ingestQueueBytes,
    int ingestBatchSpans,
    int maxAttributeChars,
    List<ModelPrice> prices,
    int alertIntervalSeconds,
    List<RedactionRule> redactionRules,
    AuthConfig auth,
    int retentionIntervalSeconds) {

  public ArborConfig {
    prices = List.copyOf(prices);
    redactionRules = List.copyOf(redactionRules);
  }

  /** A configuration for tests: loopback, the given ports, a DuckDB store in {@code workingDir}. */
  public static ArborConfig forTest(Path workingDir, int port, int grpcPort) {
    return new ArborConfig("127.0.0.1", port, grpcPort, workingDir,
        new StoreConfig.DuckDb(workingDir.resolve("arbor.duckdb"), "256MB"), 64L << 20, 256L << 20, 5000, 524_288,
        List.of(), 60, List.of(), AuthConfig.OFF, 3600);
  }

  public ArborConfig withStore(StoreConfig other) {
    return new ArborConfig(host, port, grpcPort, workingDir, other, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, alertIntervalSeconds, redactionRules, auth,
        retentionIntervalSeconds);
  }

  public ArborConfig withIngestQueueBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, bytes, ingestBatchSpans,
        maxAttributeChars, prices, alertIntervalSeconds, redactionRules, auth, retentionIntervalSeconds);
  }

  public ArborConfig withMaxRequestBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, bytes, ingestQueueBytes, ingestBatchSpans,
        maxAttributeChars, prices, alertIntervalSeconds, redactionRules, auth, retentionIntervalSeconds);
  }

  public ArborConfig withMaxAttributeChars(int chars) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, chars, prices, alertIntervalSeconds, redactionRules, auth, retentionIntervalSeconds);
  }

  public ArborConfig withPrices(List<ModelPrice> other) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, other, alertIntervalSeconds, redactionRules, auth,
        retentionIntervalSeconds);
  }

  public ArborConfig withAlertIntervalSeconds(int seconds) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, seconds, redactionRules, auth, retentionIntervalSeconds);
  }

  public ArborConfig withRedactionRules(List<RedactionRule> rules) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, alertIntervalSeconds, rules, auth, retentionIntervalSeconds);
  }

  public ArborConfig withAuth(AuthConfig other) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, alertIntervalSeconds, redactionRules, other,
        retentionIntervalSeconds);
  }

  public ArborConfig withRetentionIntervalSeconds(int seconds) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, alertIntervalSeconds, redactionRules, auth, seconds);
  }
}

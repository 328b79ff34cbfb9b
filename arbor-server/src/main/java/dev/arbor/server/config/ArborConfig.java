package dev.arbor.server.config;

import dev.arbor.model.pricing.ModelPrice;
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
    int alertIntervalSeconds) {

  public ArborConfig {
    prices = List.copyOf(prices);
  }

  /** A configuration for tests: loopback, the given ports, a DuckDB store in {@code workingDir}. */
  public static ArborConfig forTest(Path workingDir, int port, int grpcPort) {
    return new ArborConfig("127.0.0.1", port, grpcPort, workingDir,
        new StoreConfig.DuckDb(workingDir.resolve("arbor.duckdb"), "256MB"), 64L << 20, 256L << 20, 5000, 524_288,
        List.of(), 60);
  }

  public ArborConfig withStore(StoreConfig other) {
    return new ArborConfig(host, port, grpcPort, workingDir, other, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, alertIntervalSeconds);
  }

  public ArborConfig withIngestQueueBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, bytes, ingestBatchSpans,
        maxAttributeChars, prices, alertIntervalSeconds);
  }

  public ArborConfig withMaxRequestBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, bytes, ingestQueueBytes, ingestBatchSpans,
        maxAttributeChars, prices, alertIntervalSeconds);
  }

  public ArborConfig withMaxAttributeChars(int chars) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, chars, prices, alertIntervalSeconds);
  }

  public ArborConfig withPrices(List<ModelPrice> other) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, other, alertIntervalSeconds);
  }

  public ArborConfig withAlertIntervalSeconds(int seconds) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars, prices, seconds);
  }
}

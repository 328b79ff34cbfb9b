package dev.arbor.server.config;

import java.nio.file.Path;

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
    int maxAttributeChars) {

  /** A configuration for tests: loopback, the given ports, a DuckDB store in {@code workingDir}. */
  public static ArborConfig forTest(Path workingDir, int port, int grpcPort) {
    return new ArborConfig("127.0.0.1", port, grpcPort, workingDir,
        new StoreConfig.DuckDb(workingDir.resolve("arbor.duckdb"), "256MB"), 64L << 20, 256L << 20, 5000, 524_288);
  }

  public ArborConfig withStore(StoreConfig other) {
    return new ArborConfig(host, port, grpcPort, workingDir, other, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, maxAttributeChars);
  }

  public ArborConfig withIngestQueueBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, bytes, ingestBatchSpans,
        maxAttributeChars);
  }

  public ArborConfig withMaxRequestBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, bytes, ingestQueueBytes, ingestBatchSpans,
        maxAttributeChars);
  }

  public ArborConfig withMaxAttributeChars(int chars) {
    return new ArborConfig(host, port, grpcPort, workingDir, store, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, chars);
  }
}

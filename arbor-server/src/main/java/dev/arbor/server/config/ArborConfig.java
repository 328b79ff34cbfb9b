package dev.arbor.server.config;

import java.nio.file.Path;

/** The checked settings of one Arbor server. Build with {@link ConfigResolver}. */
public record ArborConfig(
    String host,
    int port,
    int grpcPort,
    Path workingDir,
    Path duckDbFile,
    long maxRequestBytes,
    long ingestQueueBytes,
    int ingestBatchSpans,
    int maxAttributeChars,
    String duckDbCheckpointThreshold) {

  /** A configuration for tests: loopback, the given ports, the store in {@code workingDir}. */
  public static ArborConfig forTest(Path workingDir, int port, int grpcPort) {
    return new ArborConfig("127.0.0.1", port, grpcPort, workingDir, workingDir.resolve("arbor.duckdb"),
        64L << 20, 256L << 20, 5000, 524_288, "256MB");
  }

  public ArborConfig withIngestQueueBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, duckDbFile, maxRequestBytes, bytes, ingestBatchSpans,
        maxAttributeChars, duckDbCheckpointThreshold);
  }

  public ArborConfig withMaxRequestBytes(long bytes) {
    return new ArborConfig(host, port, grpcPort, workingDir, duckDbFile, bytes, ingestQueueBytes, ingestBatchSpans,
        maxAttributeChars, duckDbCheckpointThreshold);
  }

  public ArborConfig withMaxAttributeChars(int chars) {
    return new ArborConfig(host, port, grpcPort, workingDir, duckDbFile, maxRequestBytes, ingestQueueBytes,
        ingestBatchSpans, chars, duckDbCheckpointThreshold);
  }
}

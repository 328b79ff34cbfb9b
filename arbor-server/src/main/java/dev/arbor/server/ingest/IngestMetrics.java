package dev.arbor.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The pipeline's Prometheus metrics: spans received, stored, rejected; queue depth; commit sizes and latency. */
final class IngestMetrics {
  final Counter received;
  final Counter stored;
  final Counter duplicates;
  final Counter rejectedInvalid;
  final Counter rejectedQueueFull;
  final Counter rejectedStoreError;
  final Counter truncatedValues;
  final Counter redactions;
  final DistributionSummary batchSpans;
  final Timer commitLatency;

  IngestMetrics(MeterRegistry registry, Supplier<Number> queueBytes, Supplier<Number> queueSpans) {
    received = Counter.builder("arbor.spans.received").description("Spans received in export requests")
        .register(registry);
    stored = Counter.builder("arbor.spans.stored").description("Spans newly committed to the store")
        .register(registry);
    duplicates = Counter.builder("arbor.spans.duplicate").description("Re-sent spans already stored")
        .register(registry);
    rejectedInvalid = rejected(registry, "invalid");
    rejectedQueueFull = rejected(registry, "queue_full");
    rejectedStoreError = rejected(registry, "store_error");
    truncatedValues = Counter.builder("arbor.attribute.values.truncated")
        .description("Attribute values cut to the configured maximum").register(registry);
    redactions = Counter.builder("arbor.redactions").description("Matches replaced by redaction rules at ingest")
        .register(registry);
    Gauge.builder("arbor.ingest.queue.bytes", queueBytes).description("Estimated bytes of spans waiting to commit")
        .register(registry);
    Gauge.builder("arbor.ingest.queue.spans", queueSpans).description("Spans waiting to commit").register(registry);
    batchSpans = DistributionSummary.builder("arbor.commit.batch.spans").description("Spans per group commit")
        .publishPercentiles(0.5, 0.99).register(registry);
    commitLatency = Timer.builder("arbor.commit.latency").description("Time to write and commit one group")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  private static Counter rejected(MeterRegistry registry, String reason) {
    return Counter.builder("arbor.spans.rejected").tag("reason", reason)
        .description("Spans not stored: invalid, refused because the queue was full, or failed to commit")
        .register(registry);
  }
}

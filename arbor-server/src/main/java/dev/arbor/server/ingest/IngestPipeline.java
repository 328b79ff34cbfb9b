package dev.arbor.server.ingest;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.model.redaction.Redactor;
import dev.arbor.otlp.DecodedBatch;
import dev.arbor.server.pricing.Pricing;
import dev.arbor.server.redaction.RedactionRules;
import dev.arbor.store.SpanStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where every transport hands its decoded spans: redacts them, normalises them, queues them within the memory budget
 * and returns a future that completes once they are committed (or fails with {@link QueueFullException}
 * at once when the budget is spent, or with the store's error if the commit fails).
 */
public final class IngestPipeline implements AutoCloseable {
  /** Rough heap cost of a decoded span beyond its wire size (maps, records, canonical fields). */
  private static final long SPAN_OVERHEAD_BYTES = 1024;
  /** Decoded text takes about twice its UTF-8 wire size on the heap, and the canonical fields copy some. */
  private static final long WIRE_TO_HEAP = 3;

  private final SpanNormalizer normalizer = SpanNormalizer.create();
  private final RedactionRules redaction;
  private final IngestQueue queue;
  private final BatchWriter writer;
  private final Thread writerThread;
  private final IngestMetrics metrics;

  private IngestPipeline(SpanStore store, Pricing pricing, RedactionRules redaction, long queueBytes,
      int maxBatchSpans, MeterRegistry registry) {
    this.redaction = redaction;
    this.queue = new IngestQueue(queueBytes);
    this.metrics = new IngestMetrics(registry, queue::bytes, queue::spans);
    this.writer = new BatchWriter(queue, store, pricing, metrics, new TrafficMetrics(registry),
        maxBatchSpans);
    this.writerThread = Thread.ofPlatform().name("arbor-batch-writer").unstarted(writer);
  }

  public static IngestPipeline create(SpanStore store, Pricing pricing, RedactionRules redaction, long queueBytes,
      int maxBatchSpans, MeterRegistry registry) {
    IngestPipeline pipeline = new IngestPipeline(store, pricing, redaction, queueBytes, maxBatchSpans, registry);
    pipeline.writerThread.start();
    return pipeline;
  }

  /** False if the writer thread has ended: nothing queued would ever be committed. */
  public boolean isWriterAlive() {
    return writerThread.isAlive();
  }

  /** True when new work would be refused; lets transports refuse before spending time decoding. */
  public boolean isFull() {
    return queue.isFull();
  }

  /** Queues a decoded request; {@code wireBytes} is its uncompressed size. */
  public CompletableFuture<IngestOutcome> submit(DecodedBatch batch, long wireBytes) {
    metrics.received.increment(batch.spans().size() + batch.rejected());
    metrics.rejectedInvalid.increment(batch.rejected());
    metrics.truncatedValues.increment(batch.truncatedValues());
    if (batch.spans().isEmpty()) {
      return CompletableFuture.completedFuture(new IngestOutcome(batch.rejected(), batch.rejectionMessage()));
    }
    List<Span> spans = new ArrayList<>(batch.spans().size());
    for (Span span : batch.spans()) {
      // Redacted before normalising, so the canonical fields are read from the redacted attributes.
      Span redacted = redaction.redact(span);
      if (redacted != span) {
        metrics.redactions.increment(((Number) redacted.attributes().get(Redactor.COUNT_ATTRIBUTE)).doubleValue());
      }
      spans.add(normalizer.normalize(redacted));
    }
    long bytes = wireBytes * WIRE_TO_HEAP + spans.size() * SPAN_OVERHEAD_BYTES;
    CompletableFuture<IngestOutcome> done = new CompletableFuture<>();
    if (!queue.offer(new PendingExport(spans, bytes, batch.rejected(), batch.rejectionMessage(), done))) {
      metrics.rejectedQueueFull.increment(spans.size());
      return CompletableFuture.failedFuture(new QueueFullException("ingest queue is full; retry later"));
    }
    return done;
  }

  /** Refuses nothing already queued: waits for the writer to commit it, then stops the writer. */
  @Override
  public void close() {
    writer.stop();
    try {
      writerThread.join(TimeUnit.SECONDS.toMillis(30));
      if (writerThread.isAlive()) {
        writerThread.interrupt();
        writerThread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

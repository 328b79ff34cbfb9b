package dev.arbor.server.ingest;

import dev.arbor.model.Span;
import dev.arbor.server.pricing.Pricing;
import dev.arbor.store.SpanStore;
import dev.arbor.store.WriteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one group-commit writer: takes every export waiting in the queue (up to a batch size), prices their
 * spans and writes them in one store transaction, then answers every one of them. If a group fails while the store is
 * healthy, each export is retried alone, so that one bad request cannot fail the others; whatever still
 * fails, and every export of a group that failed because the store is not answering, is answered with an
 * error the sender may retry.
 */
final class BatchWriter implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
  private static final long POLL_MILLIS = 50;

  private final IngestQueue queue;
  private final SpanStore store;
  private final Pricing pricing;
  private final IngestMetrics metrics;
  private final TrafficMetrics traffic;
  private final int maxBatchSpans;
  private volatile boolean stopping;

  BatchWriter(IngestQueue queue, SpanStore store, Pricing pricing, IngestMetrics metrics, TrafficMetrics traffic,
      int maxBatchSpans) {
    this.queue = queue;
    this.store = store;
    this.pricing = pricing;
    this.traffic = traffic;
    this.metrics = metrics;
    this.maxBatchSpans = maxBatchSpans;
  }

  /** Asks the writer to finish: it commits what is queued, then returns. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    while (true) {
      List<PendingExport> batch;
      try {
        batch = queue.drain(maxBatchSpans, POLL_MILLIS);
      } catch (InterruptedException e) {
        // Only close() interrupts, after its wait ran out: answer what is left rather than leave it hanging.
        failRemaining(new IllegalStateException("Arbor is stopping"));
        return;
      }
      if (batch.isEmpty()) {
        if (stopping) {
          return;
        }
        continue;
      }
      try {
        commit(batch);
      } finally {
        queue.release(batch);
      }
    }
  }

  private void failRemaining(RuntimeException reason) {
    try {
      List<PendingExport> left;
      while (!(left = queue.drain(Integer.MAX_VALUE, 0)).isEmpty()) {
        left.forEach(export -> export.done().completeExceptionally(reason));
        queue.release(left);
      }
    } catch (InterruptedException ignored) {
      // draining with no wait does not block
    }
  }

  private void commit(List<PendingExport> batch) {
    try {
      write(batch);
    } catch (Throwable groupFailure) {
      if (batch.size() == 1 || !storeIsHealthy()) {
        // One export, or a store that is not answering (a database gone away): retrying one by one would only
        // make every export wait for the same failure. Each sender is told to retry.
        batch.forEach(export -> fail(export, groupFailure));
        return;
      }
      log.warn("Group commit of {} exports failed ({}); committing them one by one", batch.size(),
          groupFailure.getMessage());
      for (PendingExport export : batch) {
        try {
          write(List.of(export));
        } catch (Throwable e) {
          fail(export, e);
        }
      }
    }
  }

  private boolean storeIsHealthy() {
    try {
      store.checkHealth();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void write(List<PendingExport> exports) {
    List<Span> spans = new ArrayList<>();
    for (PendingExport export : exports) {
      spans.addAll(export.spans());
    }
    long started = System.nanoTime();
    WriteResult result = pricing.priceAndWrite(spans, store::write);
    metrics.commitLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    metrics.batchSpans.record(spans.size());
    metrics.stored.increment(result.stored());
    metrics.duplicates.increment(result.duplicates());
    traffic.record(result.storedSpans());
    for (PendingExport export : exports) {
      export.done().complete(new IngestOutcome(export.rejected(), export.rejectionMessage()));
    }
  }

  /** Answers an export that could not be stored; the writer itself keeps going, whatever the failure. */
  private void fail(PendingExport export, Throwable e) {
    log.error("Could not commit {} spans: {}", export.spans().size(), e.getMessage());
    metrics.rejectedStoreError.increment(export.spans().size());
    export.done().completeExceptionally(e);
  }
}

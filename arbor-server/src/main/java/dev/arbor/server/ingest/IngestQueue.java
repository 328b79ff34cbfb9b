package dev.arbor.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue between the transports and the writer, bounded by an estimate of the heap its spans
 * take rather than by a count, so that a few huge requests cannot exhaust memory. An offer that would go
 * past the budget is refused (the caller answers "retry later"); a single request larger than the whole
 * budget is still admitted when the queue is empty, so that it can never be refused forever.
 */
final class IngestQueue {
  private final long budgetBytes;
  private final LinkedBlockingQueue<PendingExport> queue = new LinkedBlockingQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong spans = new AtomicLong();

  IngestQueue(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  boolean isFull() {
    return bytes.get() >= budgetBytes;
  }

  boolean offer(PendingExport export) {
    long before;
    do {
      before = bytes.get();
      if (before > 0 && before + export.bytes() > budgetBytes) {
        return false;
      }
    } while (!bytes.compareAndSet(before, before + export.bytes()));
    spans.addAndGet(export.spans().size());
    queue.add(export);
    return true;
  }

  /**
   * Waits up to {@code timeoutMillis} for the first export, then takes every export already waiting,
   * up to about {@code maxSpans} spans. Empty if none arrived.
   */
  List<PendingExport> drain(int maxSpans, long timeoutMillis) throws InterruptedException {
    PendingExport first = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    List<PendingExport> batch = new ArrayList<>();
    batch.add(first);
    int count = first.spans().size();
    PendingExport next;
    while (count < maxSpans && (next = queue.peek()) != null && count + next.spans().size() <= maxSpans) {
      batch.add(queue.poll());
      count += next.spans().size();
    }
    return batch;
  }

  /** Gives back the budget of exports that have been answered. */
  void release(List<PendingExport> exports) {
    for (PendingExport export : exports) {
      bytes.addAndGet(-export.bytes());
      spans.addAndGet(-export.spans().size());
    }
  }

  long bytes() {
    return bytes.get();
  }

  long spans() {
    return spans.get();
  }
}

package dev.arbor.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts the spans that did not reach a destination: those a destination's queue had no room for (read from the
 * batch processors' own {@code processedSpans} counter, which they report to this reader) and those whose export
 * failed. Warns about each kind, at most once a minute, so a dead collector is visible in the application's log
 * without flooding it.
 */
final class DroppedSpans implements MetricReader {
  private static final Logger log = Logger.getLogger(DroppedSpans.class.getName());
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;
  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

  private final LongAdder failedExports = new LongAdder();
  private final AtomicLong queueDropsWarned = new AtomicLong();
  private final AtomicLong lastFailureWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private final AtomicLong lastQueueWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private volatile CollectionRegistration registration = CollectionRegistration.noop();

  void exportFailed(Destination destination, int spans, Throwable cause) {
    failedExports.add(spans);
    if (claim(lastFailureWarning)) {
      log.log(Level.WARNING, "Arbor: " + spans + " spans could not be sent to " + destination
          + " and were dropped" + (cause == null ? "" : ": " + cause.getMessage())
          + " (the application is not affected; further failures are counted, and logged once a minute)");
    }
  }

  /** Logs when a queue overflowed since the last look; called on export threads, never on the application's. */
  void warnIfQueuesOverflowed() {
    long drops = queueDrops();
    long before = queueDropsWarned.get();
    if (drops > before && claim(lastQueueWarning) && queueDropsWarned.compareAndSet(before, drops)) {
      log.warning("Arbor: " + (drops - before) + " spans were dropped because a destination's queue was full "
          + "(spans are created faster than they can be sent)");
    }
  }

  long total() {
    return failedExports.sum() + queueDrops();
  }

  private long queueDrops() {
    long dropped = 0;
    for (MetricData metric : registration.collectAllMetrics()) {
      if (!metric.getName().equals("processedSpans")) {
        continue;
      }
      for (LongPointData point : metric.getLongSumData().getPoints()) {
        if (Boolean.TRUE.equals(point.getAttributes().get(DROPPED))) {
          dropped += point.getValue();
        }
      }
    }
    return dropped;
  }

  private static boolean claim(AtomicLong last) {
    long now = System.nanoTime();
    long previous = last.get();
    return now - previous >= WARN_EVERY_NANOS && last.compareAndSet(previous, now);
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public MemoryMode getMemoryMode() {
    return MemoryMode.IMMUTABLE_DATA;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}

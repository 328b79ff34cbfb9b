package dev.arbor.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one transport with {@code concurrency} senders for a fixed time, closed-loop (each sender sends
 * as soon as its previous export is acknowledged) or paced to a target rate. A refused export ("retry
 * later") is counted and retried with the OpenTelemetry exporters' default back-off (1 s, ×1.5, at most
 * 5 s, with jitter).
 */
final class LoadRun {
  record Result(long spans, long wireBytes, double seconds, long refused, List<Long> latencyNanos) {
    double spansPerSecond() {
      return spans / seconds;
    }

    double megabytesPerSecond() {
      return wireBytes / seconds / 1e6;
    }

    double latencyMillis(double quantile) {
      if (latencyNanos.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = new ArrayList<>(latencyNanos);
      Collections.sort(sorted);
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }
  }

  private LoadRun() {}

  /**
   * @param spansPerSecond 0 for closed-loop, else the total target rate across senders
   */
  static Result run(Senders.Sender sender, LlmSpanGenerator generator, int concurrency, int batch, double seconds,
      double spansPerSecond) throws InterruptedException {
    AtomicLong spans = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long interval = spansPerSecond > 0 ? (long) (1e9 * batch * concurrency / spansPerSecond) : 0;
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      long offset = interval * w / concurrency;
      pool.submit(() -> {
        long nextAt = start + offset;
        while (System.nanoTime() < end) {
          if (interval > 0) {
            long wait = nextAt - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            nextAt += interval;
          }
          ExportTraceServiceRequest request = generator.request(batch);
          long sent = System.nanoTime();
          long backoffMillis = 1000;
          while (true) {
            try {
              long wire = sender.send(request);
              long done = System.nanoTime();
              if (done <= end) {
                latencies.add(done - sent);
                spans.addAndGet(batch);
                bytes.addAndGet(wire);
              }
              break;
            } catch (Senders.RetryLater e) {
              refused.incrementAndGet();
              long jittered = (long) (backoffMillis * (0.8 + 0.4 * java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(jittered));
              backoffMillis = Math.min(5000, (long) (backoffMillis * 1.5));
            } catch (Exception e) {
              System.err.println("export failed: " + e);
              break;
            }
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination((long) seconds + 120, TimeUnit.SECONDS);
    return new Result(spans.get(), bytes.get(), (Math.min(System.nanoTime(), end) - start) / 1e9, refused.get(),
        latencies);
  }
}

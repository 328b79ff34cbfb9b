package dev.arbor.bench;

import java.util.Arrays;

/** Durations of repeated runs of one query, in milliseconds, and their percentiles. */
final class Timings {
  private final double[] millis;

  private Timings(double[] millis) {
    this.millis = millis.clone();
    Arrays.sort(this.millis);
  }

  interface Run {
    void run() throws Exception;
  }

  /** Runs {@code run} {@code warmup} times untimed, then {@code times} times timed. */
  static Timings of(int warmup, int times, Run run) throws Exception {
    for (int i = 0; i < warmup; i++) {
      run.run();
    }
    double[] millis = new double[times];
    for (int i = 0; i < times; i++) {
      long started = System.nanoTime();
      run.run();
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    return new Timings(millis);
  }

  double percentile(double p) {
    int index = (int) Math.ceil(p * millis.length) - 1;
    return millis[Math.max(0, Math.min(millis.length - 1, index))];
  }
}

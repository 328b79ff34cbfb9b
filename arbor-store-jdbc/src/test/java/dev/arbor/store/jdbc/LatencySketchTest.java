package dev.arbor.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The latency sketch against exact nearest-rank quantiles, and its merging, taking away and bytes. */
class LatencySketchTest {
  private static final double[] QUANTILES = {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};

  private static double exact(double[] sorted, double q) {
    return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
  }

  private static double[] sample(Random random, int n, int shape) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = switch (shape) {
        case 0 -> Math.exp(random.nextGaussian() * 2 + 5); // log-normal around 150 ms
        case 1 -> random.nextDouble() * 10_000; // uniform up to 10 s
        case 2 -> random.nextInt(10) == 0 ? 30_000 + random.nextDouble() * 1000 : 0.2 + random.nextDouble(); // two humps
        default -> random.nextInt(4) == 0 ? 0 : random.nextInt(2_000) / 1000.0; // zeros and whole microseconds
      };
    }
    return values;
  }

  @Test
  void everyQuantile_isWithinTheRelativeAccuracyOfTheExactNearestRank() {
    Random random = new Random(42);
    for (int shape = 0; shape < 4; shape++) {
      for (int n : new int[] {1, 2, 3, 10, 99, 1_000, 20_000}) {
        double[] values = sample(random, n, shape);
        LatencySketch sketch = new LatencySketch();
        for (double v : values) {
          sketch.add(v, 1);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double q : QUANTILES) {
          double want = exact(sorted, q);
          double got = sketch.quantile(q);
          double tolerance = want < LatencySketch.MIN_MS ? 0 : want * LatencySketch.RELATIVE_ACCURACY * (1 + 1e-9);
          assertThat(Math.abs(got - want)).as("shape %d, n %d, q %s: %s vs exact %s", shape, n, q, got, want)
              .isLessThanOrEqualTo(tolerance);
        }
        assertThat(Math.abs(sketch.max() - sorted[n - 1]))
            .isLessThanOrEqualTo(sorted[n - 1] * LatencySketch.RELATIVE_ACCURACY * (1 + 1e-9));
      }
    }
  }

  @Test
  void mergedParts_answerAsTheWhole_andTakingAPartAwayLeavesTheRest() {
    Random random = new Random(7);
    double[] a = sample(random, 5_000, 0);
    double[] b = sample(random, 3_000, 2);
    LatencySketch whole = new LatencySketch();
    LatencySketch partA = new LatencySketch();
    LatencySketch partB = new LatencySketch();
    for (double v : a) {
      whole.add(v, 1);
      partA.add(v, 1);
    }
    for (double v : b) {
      whole.add(v, 1);
      partB.add(v, 1);
    }

    LatencySketch merged = new LatencySketch();
    merged.merge(partB, 1);
    merged.merge(partA, 1);
    assertThat(merged.bytes()).isEqualTo(whole.bytes());

    merged.merge(partB, -1);
    assertThat(merged.bytes()).isEqualTo(partA.bytes());
    assertThat(merged.count()).isEqualTo(5_000);
  }

  @Test
  void bytes_roundTrip_andAnEmptySketchIsSmall() {
    LatencySketch sketch = new LatencySketch();
    for (double v : sample(new Random(3), 2_000, 3)) {
      sketch.add(v, 1);
    }
    sketch.add(12.5, -1); // a deletion's negative count survives the round trip

    assertThat(LatencySketch.of(sketch.bytes()).bytes()).isEqualTo(sketch.bytes());
    assertThat(new LatencySketch().bytes()).hasSize(4);
    assertThat(LatencySketch.of(new LatencySketch().bytes()).isEmpty()).isTrue();
    assertThat(new LatencySketch().quantile(0.5)).isZero();
  }
}

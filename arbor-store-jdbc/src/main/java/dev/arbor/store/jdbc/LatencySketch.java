package dev.arbor.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A mergeable sketch of latencies in milliseconds (DDSketch's logarithmic mapping): values fall into bins whose
 * bounds grow by a factor {@code γ = (1 + α) / (1 - α)}, and a bin stands for the value {@code 2γ^i / (γ + 1)},
 * within {@link #RELATIVE_ACCURACY} (α) of every value in it. So a quantile read at the nearest rank, as the raw
 * query reads it, is within α of the exact latency of that rank, whatever the distribution. Sketches add bin by bin
 * (so rollups of hours merge into days), and subtract the same way (a deletion is a sketch of negative counts).
 *
 * <p>Latencies below {@link #MIN_MS} (a nanosecond) count in a bin of zeros. With α just under 1%, the bins from
 * a microsecond to an hour number about 1,200; a sketch stores only those between its lowest and highest.
 */
final class LatencySketch {
  /** Relative accuracy α: under the 1% the dashboards promise, with room for rounding. */
  static final double RELATIVE_ACCURACY = 0.0095;
  static final double MIN_MS = 1e-6;

  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final byte FORMAT = 1;

  private long zeros;
  /** Counts of bins {@code offset .. offset + counts.length - 1}. */
  private long[] counts = new long[0];
  private int offset;

  /**
   * The SQL of the bin of {@code nanos} (an expression of nanoseconds), as {@link #index} computes it, or NULL for
   * the bin of zeros: the spans are then counted per bin in the database, not read one by one.
   */
  static String sqlIndex(String nanos) {
    return "CASE WHEN " + nanos + " < 1 THEN NULL ELSE CAST(ceil(ln(CAST(" + nanos + " AS DOUBLE PRECISION) / 1000000)"
        + " / CAST('" + LOG_GAMMA + "' AS DOUBLE PRECISION)) AS INTEGER) END";
  }

  /** Adds {@code count} values of bin {@code i}, or of the bin of zeros when {@code i} is null. */
  void addBin(Integer i, long count) {
    if (i == null) {
      zeros += count;
      return;
    }
    reach(i, i);
    counts[i - offset] += count;
  }

  static int index(double ms) {
    return (int) Math.ceil(Math.log(ms) / LOG_GAMMA);
  }

  /** The value bin {@code i} stands for: within α of every value in it. */
  static double value(int i) {
    return 2 * Math.pow(GAMMA, i) / (GAMMA + 1);
  }

  void add(double ms, long count) {
    if (ms < MIN_MS) {
      zeros += count;
      return;
    }
    int i = index(ms);
    reach(i, i);
    counts[i - offset] += count;
  }

  /** Adds another sketch's counts, times {@code sign} (1 to merge, -1 to take away). */
  void merge(LatencySketch other, int sign) {
    zeros += sign * other.zeros;
    if (other.counts.length == 0) {
      return;
    }
    reach(other.offset, other.offset + other.counts.length - 1);
    for (int k = 0; k < other.counts.length; k++) {
      counts[other.offset + k - offset] += sign * other.counts[k];
    }
  }

  /** Widens the bins to hold {@code low .. high}. */
  private void reach(int low, int high) {
    if (counts.length == 0) {
      offset = low;
      counts = new long[high - low + 1];
      return;
    }
    int from = Math.min(low, offset);
    int to = Math.max(high, offset + counts.length - 1);
    if (from == offset && to == offset + counts.length - 1) {
      return;
    }
    long[] wider = new long[to - from + 1];
    System.arraycopy(counts, 0, wider, offset - from, counts.length);
    counts = wider;
    offset = from;
  }

  long count() {
    long n = zeros;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * The latency at nearest rank {@code ceil(q × n)}, within α of the exact one; 0 for an empty sketch. Bins that
   * deletions took below zero (never, when every deletion takes away what was added) count as empty.
   */
  double quantile(double q) {
    long n = count();
    if (n <= 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = Math.max(0, zeros);
    if (seen >= rank) {
      return 0;
    }
    for (int k = 0; k < counts.length; k++) {
      seen += Math.max(0, counts[k]);
      if (seen >= rank) {
        return value(offset + k);
      }
    }
    return max();
  }

  /** The highest latency, within α. */
  double max() {
    for (int k = counts.length - 1; k >= 0; k--) {
      if (counts[k] > 0) {
        return value(offset + k);
      }
    }
    return 0;
  }

  boolean isEmpty() {
    return zeros == 0 && Arrays.stream(counts).allMatch(c -> c == 0);
  }

  /** The sketch as bytes: a format byte, then zigzag varints of the zeros, the offset, the bin count and each bin. */
  byte[] bytes() {
    int first = 0;
    int last = counts.length - 1;
    while (first <= last && counts[first] == 0) {
      first++;
    }
    while (last >= first && counts[last] == 0) {
      last--;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + 2 * Math.max(0, last - first + 1));
    out.write(FORMAT);
    varint(out, zigzag(zeros));
    varint(out, zigzag(first <= last ? offset + first : 0));
    varint(out, Math.max(0, last - first + 1));
    for (int k = first; k <= last; k++) {
      varint(out, zigzag(counts[k]));
    }
    return out.toByteArray();
  }

  static LatencySketch of(byte[] bytes) {
    LatencySketch sketch = new LatencySketch();
    if (bytes == null || bytes.length == 0) {
      return sketch;
    }
    if (bytes[0] != FORMAT) {
      throw new IllegalArgumentException("unknown latency sketch format " + bytes[0]);
    }
    int[] at = {1};
    sketch.zeros = unzigzag(readVarint(bytes, at));
    sketch.offset = (int) unzigzag(readVarint(bytes, at));
    sketch.counts = new long[(int) readVarint(bytes, at)];
    for (int k = 0; k < sketch.counts.length; k++) {
      sketch.counts[k] = unzigzag(readVarint(bytes, at));
    }
    return sketch;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] bytes, int[] at) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[at[0]++];
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
  }
}

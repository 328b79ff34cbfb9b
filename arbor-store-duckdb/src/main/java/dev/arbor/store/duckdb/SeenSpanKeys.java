package dev.arbor.store.duckdb;

import java.util.ArrayList;
import java.util.List;

/**
 * A Bloom filter over the (trace id, span id) keys already stored, so that the writer checks the database
 * for duplicates only when a key may have been seen: re-sent spans are rare, and a unique index on the wide
 * span table would make every append about three times slower. It grows by adding filters of twice the
 * previous capacity; at 20 bits per key the false-positive rate is about 0.01%.
 */
final class SeenSpanKeys {
  private static final int BITS_PER_KEY = 20;
  private static final int HASHES = 13;

  private final List<Filter> filters = new ArrayList<>();
  private Filter current;

  SeenSpanKeys(long initialCapacity) {
    current = new Filter(Math.max(1024, initialCapacity));
    filters.add(current);
  }

  void add(String traceId, String spanId) {
    if (current.count >= current.capacity) {
      current = new Filter(current.capacity * 2);
      filters.add(current);
    }
    current.add(hash(traceId, spanId));
  }

  boolean mightContain(String traceId, String spanId) {
    long h = hash(traceId, spanId);
    for (Filter filter : filters) {
      if (filter.mightContain(h)) {
        return true;
      }
    }
    return false;
  }

  private static long hash(String traceId, String spanId) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < traceId.length(); i++) {
      h = (h ^ traceId.charAt(i)) * 0x100000001B3L;
    }
    for (int i = 0; i < spanId.length(); i++) {
      h = (h ^ spanId.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private static final class Filter {
    final long capacity;
    final long[] words;
    final long bits;
    long count;

    Filter(long capacity) {
      this.capacity = capacity;
      this.bits = capacity * BITS_PER_KEY;
      this.words = new long[(int) ((bits + 63) / 64)];
    }

    void add(long h) {
      int h1 = (int) h;
      int h2 = (int) (h >>> 32);
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + (long) i * h2, bits);
        words[(int) (bit >>> 6)] |= 1L << bit;
      }
      count++;
    }

    boolean mightContain(long h) {
      int h1 = (int) h;
      int h2 = (int) (h >>> 32);
      for (int i = 0; i < HASHES; i++) {
        long bit = Math.floorMod(h1 + (long) i * h2, bits);
        if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
          return false;
        }
      }
      return true;
    }
  }
}

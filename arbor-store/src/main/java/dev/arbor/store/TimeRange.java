package dev.arbor.store;

/** The check every query with a time window shares. */
final class TimeRange {
  private TimeRange() {}

  static void check(Long start, Long end) {
    if (start != null && end != null && end < start) {
      throw new IllegalArgumentException("end_time must not be before start_time");
    }
  }
}

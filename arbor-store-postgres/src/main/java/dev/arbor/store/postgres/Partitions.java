package dev.arbor.store.postgres;

import dev.arbor.model.Span;
import dev.arbor.store.jdbc.SqlAccess;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of {@code spans}: one per UTC day from 2000 to 2099 ({@code spans_20261129}), and one per
 * year outside those (a client's clock at zero, or far off), so that no timestamp a client sends can create
 * more than a few hundred partitions. They are created before a batch that needs them is written, and today's
 * and the next two days' when the store opens. Creating one takes a lock on {@code spans} that waits for
 * running queries, so it gives up after {@link #LOCK_TIMEOUT} (the batch fails and is retried) instead of
 * queueing every reader behind it; an advisory lock keeps servers sharing the database from racing.
 */
final class Partitions {
  static final long DAY_NS = 86_400_000_000_000L;
  static final String LOCK_TIMEOUT = "2s";
  private static final long FIRST_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final long END_DAY = LocalDate.of(2100, 1, 1).toEpochDay();

  /** A partition: its name and the start times it holds, [from, to) in nanoseconds. */
  record Range(String name, long from, long to) {}

  private final Set<String> known = ConcurrentHashMap.newKeySet();

  /** The partition that holds spans starting at {@code startNanos}. */
  static Range of(long startNanos) {
    long day = Math.floorDiv(startNanos, DAY_NS);
    if (day >= FIRST_DAY && day < END_DAY) {
      LocalDate date = LocalDate.ofEpochDay(day);
      return new Range(String.format("spans_%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth()),
          day * DAY_NS, (day + 1) * DAY_NS);
    }
    int year = LocalDate.ofEpochDay(day).getYear();
    long from = nanos(LocalDate.of(year, 1, 1));
    long to = year + 1 > 2262 ? Long.MAX_VALUE : nanos(LocalDate.of(year + 1, 1, 1));
    return new Range("spans_y" + (year < 0 ? "m" + -year : String.valueOf(year)), from, to);
  }

  private static long nanos(LocalDate date) {
    long seconds = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    return seconds > Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE
        : seconds < Long.MIN_VALUE / 1_000_000_000L ? Long.MIN_VALUE : seconds * 1_000_000_000L;
  }

  /** The range of the partition named {@code name}, as {@link #of} names them; empty for any other name. */
  static java.util.Optional<Range> named(String name) {
    java.util.regex.Matcher day = java.util.regex.Pattern.compile("spans_(\\d{4})(\\d{2})(\\d{2})").matcher(name);
    if (day.matches()) {
      LocalDate date = LocalDate.of(Integer.parseInt(day.group(1)), Integer.parseInt(day.group(2)),
          Integer.parseInt(day.group(3)));
      return java.util.Optional.of(of(date.toEpochDay() * DAY_NS));
    }
    java.util.regex.Matcher year = java.util.regex.Pattern.compile("spans_y(m?)(\\d+)").matcher(name);
    if (year.matches()) {
      int y = Integer.parseInt(year.group(2)) * (year.group(1).isEmpty() ? 1 : -1);
      return java.util.Optional.of(of(nanos(LocalDate.of(y, 1, 1))));
    }
    return java.util.Optional.empty();
  }

  /** Forgets a partition that was dropped, so that a span of its day creates it again. */
  void forget(String name) {
    known.remove(name);
  }

  /** Forgets every partition: the next batch makes sure of its own again (CREATE … IF NOT EXISTS). */
  void forgetAll() {
    known.clear();
  }

  /** Creates the partitions that {@code spans} need and that this process has not seen yet. */
  void ensure(SqlAccess db, Collection<Span> spans) {
    Set<Range> needed = new java.util.HashSet<>();
    for (Span span : spans) {
      Range range = of(span.startTimeUnixNano());
      if (!known.contains(range.name())) {
        needed.add(range);
      }
    }
    create(db, needed);
  }

  /** Creates today's partition and the next two days', so that the first spans of a day rarely wait. */
  void ensureAhead(SqlAccess db, long nowNanos) {
    Set<Range> ahead = new java.util.HashSet<>();
    for (int d = 0; d < 3; d++) {
      ahead.add(of(nowNanos + d * DAY_NS));
    }
    ahead.removeIf(r -> known.contains(r.name()));
    create(db, ahead);
  }

  private void create(SqlAccess db, Set<Range> ranges) {
    if (ranges.isEmpty()) {
      return;
    }
    Set<Range> sorted = new TreeSet<>(java.util.Comparator.comparingLong(Range::from));
    sorted.addAll(ranges);
    db.write(c -> {
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
      }
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('arbor.partitions'))")) {
        lock.execute();
      }
      try (Statement st = c.createStatement()) {
        for (Range r : sorted) {
          st.execute("CREATE TABLE IF NOT EXISTS " + r.name() + " PARTITION OF spans FOR VALUES FROM (" + r.from()
              + ") TO (" + (r.to() == Long.MAX_VALUE ? "MAXVALUE" : String.valueOf(r.to())) + ")");
        }
      }
      return null;
    });
    sorted.forEach(r -> known.add(r.name()));
  }
}

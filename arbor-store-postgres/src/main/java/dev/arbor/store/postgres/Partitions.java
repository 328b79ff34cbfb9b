package dev.arbor.store.postgres;

import dev.arbor.model.Span;
import dev.arbor.store.jdbc.SqlAccess;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daily partitions of {@code spans} ({@code spans_20261129} holds the spans that start on that UTC
 * day), created before a batch that needs them is written. Creation takes a transaction-scoped advisory
 * lock, so servers sharing the database never race to create the same partition.
 */
final class Partitions {
  static final long DAY_NS = 86_400_000_000_000L;
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'spans_'uuuuMMdd");

  private final Set<Long> known = ConcurrentHashMap.newKeySet();

  /** Creates the partitions that {@code spans} need and that this process has not seen yet. */
  void ensure(SqlAccess db, Collection<Span> spans) {
    Set<Long> days = new TreeSet<>();
    for (Span span : spans) {
      long day = Math.floorDiv(span.startTimeUnixNano(), DAY_NS);
      if (!known.contains(day)) {
        days.add(day);
      }
    }
    if (days.isEmpty()) {
      return;
    }
    db.write(c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('arbor.partitions'))")) {
        lock.execute();
      }
      try (Statement st = c.createStatement()) {
        for (long day : days) {
          st.execute("CREATE TABLE IF NOT EXISTS " + name(day) + " PARTITION OF spans FOR VALUES FROM ("
              + day * DAY_NS + ") TO (" + (day >= Long.MAX_VALUE / DAY_NS ? "MAXVALUE" : (day + 1) * DAY_NS) + ")");
        }
      }
      return null;
    });
    known.addAll(days);
  }

  static String name(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).format(NAME);
  }
}

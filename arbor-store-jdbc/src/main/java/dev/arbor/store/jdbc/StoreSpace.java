package dev.arbor.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** What a store adds to retention's shared deletion, and how it measures the disk it takes. */
public interface StoreSpace {
  /**
   * Drops whole partitions that hold only spans of {@code projectId} started before {@code beforeNanos}, in the
   * caller's transaction; returns how many spans went (0 where spans are not partitioned). {@code dropping} runs
   * with each partition locked, before it goes, with the range of start times it holds.
   */
  long dropPartitions(Connection c, long projectId, long beforeNanos, Dropping dropping) throws SQLException;

  /** Told of a partition about to be dropped: it holds every span of the project started in {@code [from, to)}. */
  interface Dropping {
    void drop(Connection c, long from, long to) throws SQLException;
  }

  /** The bytes the database takes on disk. */
  long databaseBytes(Connection c) throws SQLException;

  /** An SQL expression over the span row {@code s}: the bytes it takes, or an estimate. */
  String rowBytes();
}

package dev.arbor.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** What a store adds to retention's shared deletion, and how it measures the disk it takes. */
public interface StoreSpace {
  /**
   * Drops whole partitions that hold only spans of {@code projectId} started before {@code beforeNanos}, in the
   * caller's transaction; returns how many spans went (0 where spans are not partitioned).
   */
  long dropPartitions(Connection c, long projectId, long beforeNanos) throws SQLException;

  /** The bytes the database takes on disk. */
  long databaseBytes(Connection c) throws SQLException;

  /** An SQL expression over the span row {@code s}: the bytes it takes, or an estimate. */
  String rowBytes();
}

package dev.arbor.store.postgres;

import dev.arbor.store.jdbc.StoreSpace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention on PostgreSQL: a day partition that ended before the cut and holds spans of the one project is dropped
 * whole (no dead rows, no vacuum) instead of deleted row by row; a partition with spans of other projects is left to
 * the row deletion. A drop that cannot get its lock within {@link Partitions#LOCK_TIMEOUT} (a long query reading
 * {@code spans}) is rolled back to a savepoint and left to the row deletion too.
 */
final class PartitionSpace implements StoreSpace {
  private final Partitions partitions;

  PartitionSpace(Partitions partitions) {
    this.partitions = partitions;
  }

  @Override
  public long dropPartitions(Connection c, long projectId, long beforeNanos, Dropping dropping) throws SQLException {
    List<String> candidates = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid ="
        + " i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'spans' AND p.relnamespace ="
        + " current_schema()::regnamespace ORDER BY c.relname"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String name = rs.getString(1);
        Partitions.named(name).filter(r -> r.to() <= beforeNanos).ifPresent(r -> candidates.add(name));
      }
    }
    long dropped = 0;
    for (String name : candidates) {
      long total;
      long others;
      try (Statement st = c.createStatement()) {
        // Locked before counting: a late span of another project must not land in it between count and drop.
        st.execute("SAVEPOINT lock_partition");
        try {
          st.execute("SET LOCAL lock_timeout = '" + Partitions.LOCK_TIMEOUT + "'");
          st.execute("LOCK TABLE " + name + " IN SHARE ROW EXCLUSIVE MODE");
          st.execute("RELEASE SAVEPOINT lock_partition");
        } catch (SQLException busy) {
          st.execute("ROLLBACK TO SAVEPOINT lock_partition");
          continue; // left to the row deletion
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE project_id <> ?) FROM "
          + name)) {
        ps.setLong(1, projectId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
          others = rs.getLong(2);
        }
      }
      if (total == 0 || others > 0) {
        continue;
      }
      try (Statement st = c.createStatement()) {
        st.execute("SAVEPOINT drop_partition");
        try {
          st.execute("SET LOCAL lock_timeout = '" + Partitions.LOCK_TIMEOUT + "'");
          Partitions.Range range = Partitions.named(name).orElseThrow();
          dropping.drop(c, range.from(), range.to());
          st.execute("DROP TABLE " + name);
          st.execute("RELEASE SAVEPOINT drop_partition");
          partitions.forget(name);
          dropped += total;
        } catch (SQLException busy) {
          st.execute("ROLLBACK TO SAVEPOINT drop_partition");
        }
      }
    }
    if (!candidates.isEmpty()) {
      try (Statement st = c.createStatement()) {
        st.execute("SET LOCAL lock_timeout TO DEFAULT");
      }
    }
    return dropped;
  }

  @Override
  public long databaseBytes(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(sum("
        + "pg_total_relation_size(c.oid)), 0) FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        + " AND c.relkind IN ('r', 'm')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String rowBytes() {
    return "pg_column_size(s.*)";
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditHash;
import dev.arbor.store.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code audit_log} table. An append reads the last entry and writes the next one in one transaction, with
 * other writers of the table held off (a table lock on PostgreSQL, where several servers may append; this object's
 * lock in the one process that writes a DuckDB file), so that the chain never forks.
 */
final class AuditTable implements AuditStore {
  private static final String COLUMNS = "seq, at_millis, actor, origin, action, target, reason, detail, prev_hash,"
      + " hash";
  private final SqlAccess db;
  private final SqlDialect dialect;
  private final Clock clock;

  AuditTable(SqlAccess db, SqlDialect dialect, Clock clock) {
    this.db = db;
    this.dialect = dialect;
    this.clock = clock;
  }

  @Override
  public synchronized AuditEntry append(AuditEntry.Event event) {
    return db.write(c -> {
      String lock = dialect.lockForWriters("audit_log");
      if (lock != null) {
        try (Statement st = c.createStatement()) {
          st.execute(lock);
        }
      }
      long seq = 1;
      String previous = AuditHash.GENESIS;
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          seq = rs.getLong(1) + 1;
          previous = rs.getString(2);
        }
      }
      long at = clock.millis();
      String hash = AuditHash.of(seq, at, event.actor(), event.origin(), event.action(), event.target(),
          event.reason(), event.detail(), previous);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, seq);
        ps.setLong(2, at);
        ps.setString(3, event.actor());
        ps.setString(4, event.origin());
        ps.setString(5, event.action());
        ps.setString(6, event.target());
        ps.setString(7, event.reason());
        ps.setString(8, event.detail());
        ps.setString(9, previous);
        ps.setString(10, hash);
        ps.executeUpdate();
      }
      return new AuditEntry(seq, at, event.actor(), event.origin(), event.action(), event.target(), event.reason(),
          event.detail(), previous, hash);
    });
  }

  @Override
  public List<AuditEntry> list(long afterSeq, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
        ps.setLong(1, afterSeq);
        ps.setInt(2, limit);
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10)));
          }
        }
        return entries;
      }
    });
  }
}

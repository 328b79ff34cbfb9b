package dev.arbor.store.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.model.Span;
import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditHash;
import dev.arbor.store.AuditStore;
import dev.arbor.store.SpanDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code audit_log} table, and {@code audit_spans}: the spans each ingest entry recorded. An append reads the last entry and writes the next one in one transaction, with
 * other writers of the table held off (a table lock on PostgreSQL, where several servers may append; this object's
 * lock in the one process that writes a DuckDB file), so that the chain never forks.
 */
final class AuditTable implements AuditStore {
  private static final String COLUMNS = "seq, at_millis, actor, origin, action, target, reason, detail, prev_hash,"
      + " hash";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SPAN_COLUMNS = List.of("seq", "position", "trace_id", "span_id",
      "project_id", "start_time_ns", "digest");
  private final SqlAccess db;
  private final SqlDialect dialect;
  private final Clock clock;
  private final SpanReads spanReads;
  private final ProjectTable projects;

  AuditTable(SqlAccess db, SqlDialect dialect, Clock clock, SpanReads spanReads, ProjectTable projects) {
    this.db = db;
    this.dialect = dialect;
    this.clock = clock;
    this.spanReads = spanReads;
    this.projects = projects;
  }

  @Override
  public synchronized AuditEntry append(AuditEntry.Event event) {
    return db.write(c -> append(c, event));
  }

  /**
   * Appends in the caller's transaction, which must be the store's write path: on DuckDB its one writer (so no other
   * append runs meanwhile), on PostgreSQL any (the table lock taken here holds other appends off until it commits).
   */
  AuditEntry append(Connection c, AuditEntry.Event event) throws SQLException {
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
  }

  /**
   * Records a batch in the transaction that stores it: an {@code INGEST} entry whose detail seals the digest of the
   * spans' digests, and one {@code audit_spans} row per span. Only spans stored now (not repeats) are given.
   */
  void recordIngest(Connection c, List<Span> stored, Map<String, Long> projectIds) throws SQLException {
    if (stored.isEmpty()) {
      return;
    }
    List<String> digests = new ArrayList<>(stored.size());
    Map<String, Integer> perProject = new TreeMap<>();
    for (Span span : stored) {
      digests.add(SpanDigest.of(span));
      perProject.merge(span.project(), 1, Integer::sum);
    }
    ObjectNode detail = JSON.createObjectNode();
    detail.put("spans", stored.size());
    perProject.forEach(detail.putObject("projects")::put);
    detail.put("digest", SpanDigest.ofAll(digests));
    AuditEntry entry = append(c, new AuditEntry.Event(AuditStore.SYSTEM_ACTOR, null, AuditStore.INGEST,
        String.join(",", perProject.keySet()), null, detail.toString()));
    List<Object[]> rows = new ArrayList<>(stored.size());
    for (int i = 0; i < stored.size(); i++) {
      Span span = stored.get(i);
      rows.add(new Object[] {entry.seq(), i, span.traceId(), span.spanId(), projectIds.get(span.project()),
          span.startTimeUnixNano(), digests.get(i)});
    }
    dialect.insertRows(c, "audit_spans", SPAN_COLUMNS, rows);
  }

  /**
   * Records, in the transaction that deletes them, which stored spans a deletion removes: the spans of one span id,
   * of some traces, or of a project ({@code what} names them as {@link Tombstones} reads them back).
   */
  void recordDeletion(Connection c, ObjectNode what, long spans) throws SQLException {
    if (spans == 0) {
      return;
    }
    what.put("spans", spans);
    append(c, new AuditEntry.Event(AuditStore.SYSTEM_ACTOR, null, AuditStore.DELETE_SPANS,
        what.path("scope").asText(), null, what.toString()));
  }

  static ObjectNode deletion(String scope) {
    return JSON.createObjectNode().put("scope", scope);
  }

  static final String SPAN_BASELINE = "SPAN BASELINE";

  /**
   * Seals the baseline of {@code audit_span_baseline} in an entry, once, when spans predate the trail's coverage (a
   * database upgraded with spans in it), at the first start, before any batch is recorded.
   */
  void sealSpanBaseline() {
    db.write(c -> {
      // Only before the trail has recorded any span: a baseline raised in the table later is never sealed.
      try (PreparedStatement sealed = c.prepareStatement("SELECT 1 FROM audit_log WHERE action IN (?, ?)")) {
        sealed.setString(1, SPAN_BASELINE);
        sealed.setString(2, AuditStore.INGEST);
        try (ResultSet rs = sealed.executeQuery()) {
          if (rs.next()) {
            return null;
          }
        }
      }
      long baseline;
      try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(max_span_id), 0) FROM audit_span_baseline");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        baseline = rs.getLong(1);
      }
      if (baseline > 0) {
        append(c, new AuditEntry.Event(AuditStore.SYSTEM_ACTOR, null, SPAN_BASELINE, null, null,
            JSON.createObjectNode().put("max_span_id", baseline).toString()));
      }
      return null;
    });
  }

  @Override
  public AuditStore.SpanCheck checkSpans() {
    return db.read(c -> {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
      // One snapshot for every pass: a batch or a deletion committing meanwhile must not read as tampering.
      if (isolation != Connection.TRANSACTION_SERIALIZABLE) {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      try {
        return new StoredSpanCheck(c, spanReads, projects).run();
      } finally {
        c.rollback();
        c.setAutoCommit(autoCommit);
        c.setTransactionIsolation(isolation);
      }
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

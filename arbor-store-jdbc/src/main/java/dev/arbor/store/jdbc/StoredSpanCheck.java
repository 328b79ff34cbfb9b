package dev.arbor.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.store.AuditStore;
import dev.arbor.store.SpanDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One check of the stored spans against the audit trail (see {@link AuditStore#checkSpans}), in three streamed
 * passes: each ingest entry's seal against its {@code audit_spans} rows; each stored span against the digests
 * recorded for its ids; each recorded span that is gone against the deletions recorded after it. Reports the
 * problem of the lowest entry number, and how many there are.
 */
final class StoredSpanCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FETCH = 2000;

  private final Connection c;
  private final SpanReads spanReads;
  private final ProjectTable projects;
  private long firstSeq;
  private String firstProblem;
  private long problems;

  StoredSpanCheck(Connection c, SpanReads spanReads, ProjectTable projects) {
    this.c = c;
    this.spanReads = spanReads;
    this.projects = projects;
  }

  AuditStore.SpanCheck run() throws SQLException {
    Map<Long, String> seals = new HashMap<>();
    Tombstones tombstones = new Tombstones();
    long head = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, action, detail FROM audit_log WHERE action IN (?, ?)"
        + " ORDER BY seq")) {
      ps.setString(1, AuditStore.INGEST);
      ps.setString(2, AuditStore.DELETE_SPANS);
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonNode detail = JSON.readTree(rs.getString(3));
          if (rs.getString(2).equals(AuditStore.INGEST)) {
            seals.put(rs.getLong(1), detail.path("digest").asText());
          } else {
            tombstones.add(rs.getLong(1), detail);
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("an audit entry's detail is not JSON: " + e.getMessage(), e);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_log");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      head = rs.getLong(1);
    }
    checkSeals(seals);
    long spans = checkStoredSpans(head);
    checkGoneSpans(tombstones);
    String problem = problems <= 1 ? firstProblem : firstProblem + " (and " + (problems - 1) + " more)";
    return new AuditStore.SpanCheck(spans, firstSeq, problem);
  }

  private void problem(long seq, String message) {
    problems++;
    if (firstProblem == null || seq < firstSeq) {
      firstSeq = seq;
      firstProblem = message;
    }
  }

  /** Each ingest entry seals the digest of its rows' digests, in batch order. */
  private void checkSeals(Map<Long, String> seals) throws SQLException {
    Map<Long, String> unseen = new HashMap<>(seals);
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, digest FROM audit_spans ORDER BY seq, position")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        long seq = -1;
        List<String> digests = new ArrayList<>();
        while (rs.next()) {
          if (rs.getLong(1) != seq) {
            seal(seq, digests, seals, unseen);
            seq = rs.getLong(1);
            digests.clear();
          }
          digests.add(rs.getString(2));
        }
        seal(seq, digests, seals, unseen);
      }
    }
    unseen.forEach((seq, digest) -> problem(seq, "the spans recorded by entry " + seq + " are gone from the record"
        + " of stored spans"));
  }

  private void seal(long seq, List<String> digests, Map<Long, String> seals, Map<Long, String> unseen) {
    if (seq < 0) {
      return;
    }
    unseen.remove(seq);
    String sealed = seals.get(seq);
    if (sealed == null) {
      problem(seq, "spans are recorded under entry " + seq + ", which is not an ingest entry");
    } else if (!sealed.equals(SpanDigest.ofAll(digests))) {
      problem(seq, "the record of the spans entry " + seq + " stored was changed (it no longer matches the entry's"
          + " seal)");
    }
  }

  /** Each stored span still has a digest recorded for its ids; spans from before the trail covered spans aside. */
  private long checkStoredSpans(long head) throws SQLException {
    // The sealed baseline, not the table's: without a sealed one, every span must have been recorded.
    long baseline = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM audit_log WHERE action = ? ORDER BY seq"
        + " LIMIT 1")) {
      ps.setString(1, AuditTable.SPAN_BASELINE);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          baseline = JSON.readTree(rs.getString(1)).path("max_span_id").asLong();
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("the span baseline entry is not JSON", e);
      }
    }
    long checked = 0;
    // A digest leaves the project's name out (it may be renamed), so the project's id is compared beside it.
    try (PreparedStatement ps = c.prepareStatement("SELECT " + SpanReads.COLUMNS + ", a.digests, a.seq AS audit_seq"
        + " FROM spans s LEFT JOIN (SELECT trace_id, span_id, string_agg(digest || '@' || CAST(project_id AS VARCHAR),"
        + " ',') AS digests, min(seq) AS seq FROM audit_spans GROUP BY trace_id, span_id) a ON a.trace_id ="
        + " s.trace_id AND a.span_id = s.span_id")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          String digests = rs.getString("digests");
          if (digests == null) {
            if (id > baseline) {
              checked++;
              problem(head + 1, "span " + rs.getString("span_id") + " of trace " + rs.getString("trace_id")
                  + " is stored, but no ingest entry recorded it (it was put there behind Arbor's back)");
            }
            continue;
          }
          checked++;
          String digest = SpanDigest.of(SpanColumns.read(rs, projects.name(c, rs.getLong("project_id"))))
              + "@" + rs.getLong("project_id");
          if (!java.util.Arrays.asList(digests.split(",")).contains(digest)) {
            long seq = rs.getLong("audit_seq");
            problem(seq, "span " + rs.getString("span_id") + " of trace " + rs.getString("trace_id") + ", recorded"
                + " by entry " + seq + ", was changed (or moved to another project) after it was stored");
          }
        }
      }
    }
    return checked;
  }

  /** Each recorded span that is no longer stored was removed by a deletion recorded after it. */
  private void checkGoneSpans(Tombstones tombstones) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT a.seq, a.trace_id, a.span_id, a.project_id,"
        + " a.start_time_ns FROM audit_spans a WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = a.trace_id"
        + " AND s.span_id = a.span_id)")) {
      ps.setFetchSize(FETCH);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          if (!tombstones.covers(seq, rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5))) {
            problem(seq, "span " + rs.getString(3) + " of trace " + rs.getString(2) + ", recorded by entry " + seq
                + ", is gone, and no deletion through Arbor removed it");
          }
        }
      }
    }
  }

  /** The deletions the trail recorded, by what they removed and the entry number that removed it last. */
  static final class Tombstones {
    private final Map<String, Long> spanIds = new HashMap<>();
    private final Map<String, Long> traceIds = new HashMap<>();
    private final Map<Long, Long> projects = new HashMap<>();
    private final Map<Long, List<long[]>> retained = new HashMap<>();

    void add(long seq, JsonNode detail) {
      switch (detail.path("scope").asText()) {
        case "span" -> spanIds.put(detail.path("span_id").asText(), seq);
        case "traces" -> detail.path("trace_ids").forEach(t -> traceIds.put(t.asText(), seq));
        case "project" -> projects.put(detail.path("project_id").asLong(), seq);
        case "retention" -> retained.computeIfAbsent(detail.path("project_id").asLong(), p -> new ArrayList<>())
            .add(new long[] {seq, detail.path("before_ns").asLong()});
        default -> { } // an entry this version does not know removes nothing it could vouch for
      }
    }

    boolean covers(long seq, String traceId, String spanId, long projectId, long startNs) {
      if (spanIds.getOrDefault(spanId, 0L) > seq || traceIds.getOrDefault(traceId, 0L) > seq
          || projects.getOrDefault(projectId, 0L) > seq) {
        return true;
      }
      for (long[] cut : retained.getOrDefault(projectId, List.of())) {
        if (cut[0] > seq && startNs < cut[1]) {
          return true;
        }
      }
      return false;
    }
  }
}

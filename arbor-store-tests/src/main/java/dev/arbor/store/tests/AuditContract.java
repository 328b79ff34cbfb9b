package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditHash;
import dev.arbor.store.AuditStore;
import dev.arbor.store.AuditVerification;
import dev.arbor.store.SpanStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail as every store keeps it: appended in one unbroken chain, even by writers racing each other, and
 * every change made behind Arbor's back (an entry edited, deleted or moved, directly in the database) found by
 * {@link AuditVerification}.
 */
public abstract class AuditContract {
  protected SpanStore store;

  protected abstract SpanStore newStore();

  /** Runs {@code sql} on the store's database behind its back; returns the store to go on with. */
  protected abstract SpanStore tamper(SpanStore store, String sql) throws Exception;

  /** Another store on the same database, as a second server would open it. */
  protected abstract SpanStore secondServer();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private AuditEntry append(int i) {
    return store.audit().append(new AuditEntry.Event("ana", "10.0.0." + i, "DELETE /v1/traces/{trace}",
        "/v1/traces/" + i, i % 2 == 0 ? "duplicate upload" : null, "{\"status\":204}"));
  }

  @Test
  public void append_numbersAndChainsEntries_andListReadsThemInOrder() {
    AuditEntry first = append(1);
    AuditEntry second = append(2);

    assertThat(first.seq()).isEqualTo(1);
    assertThat(first.prevHash()).isEqualTo(AuditHash.GENESIS);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(second.prevHash()).isEqualTo(first.hash());
    assertThat(second.hash()).isEqualTo(AuditHash.of(second));
    assertThat(store.audit().list(0, 10)).containsExactly(first, second);
    assertThat(store.audit().list(1, 10)).containsExactly(second);
    AuditVerification ok = AuditVerification.of(store.audit());
    assertThat(ok.intact()).isTrue();
    assertThat(ok.entries()).isEqualTo(2);
    assertThat(ok.headHash()).isEqualTo(second.hash());
  }

  @Test
  public void concurrentAppends_makeOneChainWithoutGaps() throws Exception {
    appendAtOnce(40, i -> store);
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.entries()).isEqualTo(40);
  }

  /** Appends {@code n} entries from four threads at once, the i-th to {@code target.apply(i)}. */
  private static void appendAtOnce(int n, java.util.function.IntFunction<SpanStore> target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AuditEntry>> appends = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SpanStore writer = target.apply(i);
        int k = i;
        appends.add(pool.submit(() -> writer.audit().append(new AuditEntry.Event("server-" + (k % 2), "10.0.0.1",
            "POST /api/prices", "/api/prices", null, "{}"))));
      }
      for (Future<AuditEntry> f : appends) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Two servers on one database append to one chain: the lock is the database's, not a process's. */
  @Test
  public void twoServersAppendingAtOnce_makeOneChainWithoutGaps() throws Exception {
    try (SpanStore other = secondServer()) {
      appendAtOnce(40, i -> i % 2 == 0 ? store : other);
    }
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.entries()).isEqualTo(40);
  }

  @Test
  public void anEditedEntry_isFound() throws Exception {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    store = tamper(store, "UPDATE audit_log SET reason = 'routine clean-up' WHERE seq = 3");
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.firstBadSeq()).isEqualTo(3);
    assertThat(result.problem()).contains("changed after it was written");
  }

  @Test
  public void aDeletedEntry_isFound() throws Exception {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    store = tamper(store, "DELETE FROM audit_log WHERE seq = 2");
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.firstBadSeq()).isEqualTo(2);
    assertThat(result.problem()).contains("entry 2 is missing");
  }

  @Test
  public void reorderedEntries_areFound() throws Exception {
    for (int i = 1; i <= 5; i++) {
      append(i);
    }
    // Entries 2 and 4 swap numbers: each keeps its own sealed content, but the chain no longer runs through them.
    store = tamper(store, "UPDATE audit_log SET seq = -4 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 2;"
        + " UPDATE audit_log SET seq = 2 WHERE seq = -4");
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.firstBadSeq()).isEqualTo(2);
  }

  @Test
  public void anEntryRewrittenWithAFreshHash_isFoundAtTheNextEntry() throws Exception {
    for (int i = 1; i <= 3; i++) {
      append(i);
    }
    AuditEntry two = store.audit().list(1, 1).get(0);
    String forged = AuditHash.of(two.seq(), two.atMillis(), "someone else", two.origin(), two.action(), two.target(),
        two.reason(), two.detail(), two.prevHash());
    store = tamper(store, "UPDATE audit_log SET actor = 'someone else', hash = '" + forged + "' WHERE seq = 2");
    AuditVerification result = AuditVerification.of(store.audit());
    assertThat(result.firstBadSeq()).isEqualTo(3);
    assertThat(result.problem()).contains("does not follow the entry before it");
  }

  // --- the stored spans

  private List<AuditEntry> entries() {
    return store.audit().list(0, 1000);
  }

  private AuditVerification verify() {
    return AuditVerification.of(store.audit());
  }

  @Test
  public void eachBatchStored_addsAnIngestEntrySealingItsSpans_andRepeatsAddNone() {
    store.write(TestSpans.spans("audited", 0, 3));
    store.write(List.of(TestSpans.llmSpan("audited"), TestSpans.span("other", 7, 70)));
    store.write(TestSpans.spans("audited", 0, 3)); // a retry of the first batch: nothing new is stored

    List<AuditEntry> entries = entries();
    assertThat(entries).hasSize(2).allSatisfy(e -> {
      assertThat(e.action()).isEqualTo(AuditStore.INGEST);
      assertThat(e.actor()).isEqualTo(AuditStore.SYSTEM_ACTOR);
    });
    assertThat(entries.get(0).detail()).contains("\"spans\":3").contains("\"audited\":3").contains("\"digest\":\"");
    assertThat(entries.get(1).target()).isEqualTo("audited,other");
    AuditVerification result = verify();
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.spans()).isEqualTo(5);
  }

  @Test
  public void deletionsThroughTheStore_areRecorded_andKeepTheTrailIntact() {
    store.write(TestSpans.spans("audited", 0, 4));
    store.write(List.of(TestSpans.llmSpan("audited")));
    store.write(TestSpans.spans("doomed", 10, 2));
    store.deleteSpan(TestSpans.spanId(0));
    store.deleteTrace(TestSpans.traceId(1));
    store.deleteProject("doomed");
    store.deleteSpan("00000000000000ff"); // nothing to delete: nothing recorded

    assertThat(entries()).extracting(AuditEntry::action).containsExactly(AuditStore.INGEST, AuditStore.INGEST,
        AuditStore.INGEST, AuditStore.DELETE_SPANS, AuditStore.DELETE_SPANS, AuditStore.DELETE_SPANS);
    assertThat(entries().get(5).detail()).contains("\"project\":\"doomed\"").contains("\"spans\":2");
    AuditVerification result = verify();
    assertThat(result.intact()).as(result.problem()).isTrue();
    assertThat(result.spans()).isEqualTo(3);

    store.write(List.of(TestSpans.span("audited", 0, 0))); // sent again after its deletion: recorded again
    assertThat(verify().intact()).isTrue();
  }

  @Test
  public void aCostRecomputedAfterAPriceChange_doesNotBreakTheTrail() {
    store.write(List.of(TestSpans.llmSpan("audited")));
    assertThat(store.costGroups()).isNotEmpty();
    for (var group : store.costGroups()) {
      store.recomputeCosts(group, new dev.arbor.model.pricing.TokenPrices(1.0, 2.0, null, null, null));
    }
    assertThat(store.findSpan(TestSpans.spanId(900)).orElseThrow().span().cost().total()).as("the cost changed")
        .isNotNull().isNotEqualTo(TestSpans.llmSpan("audited").cost().total());
    AuditVerification result = verify();
    assertThat(result.intact()).as(result.problem()).isTrue();
  }

  @Test
  public void aSpanEditedInTheDatabase_isFound() throws Exception {
    store.write(TestSpans.spans("audited", 0, 3));
    store.write(List.of(TestSpans.llmSpan("audited")));
    store = tamper(store, "UPDATE spans SET name = 'nothing happened' WHERE span_id = '" + TestSpans.spanId(1) + "'");
    AuditVerification result = verify();
    assertThat(result.firstBadSeq()).isEqualTo(1);
    assertThat(result.problem()).contains("span " + TestSpans.spanId(1)).contains("was changed");

    store = tamper(store, "UPDATE spans SET name = 'span-1' WHERE span_id = '" + TestSpans.spanId(1) + "'");
    assertThat(verify().intact()).as("put back as it was").isTrue();
    store = tamper(store, "UPDATE spans SET input_value = 'a softer prompt' WHERE span_id = '"
        + TestSpans.spanId(900) + "'");
    assertThat(verify().firstBadSeq()).as("a canonical column").isEqualTo(2);
  }

  @Test
  public void aSpanDeletedInTheDatabase_isFound() throws Exception {
    store.write(TestSpans.spans("audited", 0, 3));
    store = tamper(store, "DELETE FROM spans WHERE span_id = '" + TestSpans.spanId(2) + "'");
    AuditVerification result = verify();
    assertThat(result.firstBadSeq()).isEqualTo(1);
    assertThat(result.problem()).contains("span " + TestSpans.spanId(2)).contains("is gone");
  }

  @Test
  public void theRecordOfStoredSpansEdited_isFoundByItsSeal() throws Exception {
    store.write(TestSpans.spans("audited", 0, 3));
    store.write(TestSpans.spans("audited", 10, 3));
    // Hiding an edit: change the span, and its recorded digest to match.
    store = tamper(store, "DELETE FROM audit_spans WHERE span_id = '" + TestSpans.spanId(11) + "'");
    AuditVerification result = verify();
    assertThat(result.firstBadSeq()).isEqualTo(2);
    assertThat(result.problem()).contains("entry 2").contains("no longer matches the entry's seal");
  }

  @Test
  public void aSpanInsertedOrMovedInTheDatabase_isFound() throws Exception {
    store.write(TestSpans.spans("audited", 0, 2));
    store.write(TestSpans.spans("elsewhere", 10, 1));
    // A copy of span 1 under a new id, straight into the table.
    store = tamper(store, "CREATE TEMP TABLE forged AS SELECT * FROM spans WHERE span_id = '" + TestSpans.spanId(1)
        + "'; UPDATE forged SET id = id + 1000000, span_id = 'f0f0f0f0f0f0f0f0'; INSERT INTO spans SELECT * FROM"
        + " forged");
    AuditVerification inserted = verify();
    assertThat(inserted.intact()).isFalse();
    assertThat(inserted.problem()).contains("span f0f0f0f0f0f0f0f0").contains("no ingest entry recorded it");
    store = tamper(store, "UPDATE audit_span_baseline SET max_span_id = 999999999");
    assertThat(verify().problem()).as("the table's baseline is not the sealed one").contains("span f0f0f0f0f0f0f0f0");

    store = tamper(store, "DELETE FROM spans WHERE span_id = 'f0f0f0f0f0f0f0f0'; UPDATE spans SET project_id ="
        + " (SELECT project_id FROM spans WHERE span_id = '" + TestSpans.spanId(10) + "') WHERE span_id = '"
        + TestSpans.spanId(0) + "'");
    AuditVerification moved = verify();
    assertThat(moved.firstBadSeq()).isEqualTo(1);
    assertThat(moved.problem()).contains("span " + TestSpans.spanId(0)).contains("moved to another project");
  }
}

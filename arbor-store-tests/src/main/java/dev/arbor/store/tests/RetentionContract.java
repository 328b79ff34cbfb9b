package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.OtelKind;
import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.AnnotationTarget;
import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditStore;
import dev.arbor.store.AuditVerification;
import dev.arbor.store.PageRequest;
import dev.arbor.store.RetentionPolicy;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StorageUsage;
import dev.arbor.store.TraceQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention policies, the deletion that applies them (whole partitions where a store has them) and disk usage. */
public abstract class RetentionContract {
  private static final long DAY = 86_400_000_000_000L;
  /** The start of a UTC day. */
  private static final long D1 = Math.floorDiv(TestSpans.T0, DAY) * DAY;
  protected SpanStore store;

  protected abstract SpanStore newStore();

  /** Runs SQL on the store's database behind its back; returns the store to go on with (reopened if need be). */
  protected abstract SpanStore tamper(SpanStore store, String sql) throws Exception;

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Span span(String project, String trace, String id, long start, String session) {
    Map<String, Object> attributes = session == null ? Map.of() : Map.of("session.id", session);
    Span.Builder builder = Span.builder().project(project).traceId(trace).spanId(id).name("s-" + id)
        .kind(OtelKind.INTERNAL).startTimeUnixNano(start).endTimeUnixNano(start + 1_000_000L)
        .statusCode(StatusCode.OK).attributes(attributes);
    return session == null ? builder.build()
        : builder.llm(dev.arbor.model.LlmFields.builder().sessionIdIfAbsent(session).build()).build();
  }

  private static String trace(int n) {
    return String.format("%032x", 0x7e7e0000L + n);
  }

  private static String id(int n) {
    return String.format("%016x", 0x5a5a0000L + n);
  }

  @Test
  public void policies_areSetFoundListedAndCleared_andGoWithTheirProject() {
    assertThat(store.retention().set(new RetentionPolicy("nowhere", 30, null))).isEmpty();
    store.write(List.of(span("kept", trace(1), id(1), D1, null), span("doomed", trace(2), id(2), D1, null)));
    RetentionPolicy days = new RetentionPolicy("kept", 30, null);
    RetentionPolicy both = new RetentionPolicy("doomed", 7, 1_000L);
    assertThat(store.retention().set(days)).contains(days);
    assertThat(store.retention().set(both)).contains(both);
    assertThat(store.retention().list()).containsExactly(both, days);
    RetentionPolicy changed = new RetentionPolicy("kept", null, 500L);
    store.retention().set(changed);
    assertThat(store.retention().find("kept")).contains(changed);
    assertThat(store.retention().clear("kept")).isTrue();
    assertThat(store.retention().clear("kept")).isFalse();
    store.deleteProject("doomed");
    assertThat(store.retention().list()).isEmpty();
  }

  @Test
  public void deleteBefore_removesOlderSpansWithWhatTheyLeaveBehind_keepsTheRest_andRecordsIt() {
    store.write(List.of(
        span("kept", trace(1), id(1), D1 + 10, "s1"), span("kept", trace(1), id(2), D1 + 20, "s1"),
        span("kept", trace(2), id(3), D1 + 30, null), span("kept", trace(2), id(4), D1 + 2 * DAY + 5, null),
        span("kept", trace(3), id(5), D1 + 2 * DAY + 10, "s2"),
        span("other", trace(4), id(6), D1 + 40, null)));
    store.upsertAnnotations(List.of(new AnnotationInput(AnnotationTarget.SPAN, id(1), null, "quality", "HUMAN",
        "good", null, null, Map.of(), "", "API"), new AnnotationInput(AnnotationTarget.SPAN, id(5), null, "quality",
        "HUMAN", "good", null, null, Map.of(), "", "API")));

    long deleted = store.retention().deleteBefore("kept", D1 + DAY);

    assertThat(deleted).isEqualTo(3);
    assertThat(store.traceSpans(trace(1))).isEmpty();
    assertThat(store.traceSpans(trace(2))).extracting(s -> s.span().spanId()).containsExactly(id(4));
    assertThat(store.traceSpans(trace(3))).hasSize(1);
    assertThat(store.traceSpans(trace(4))).as("another project's span of the same day").hasSize(1);
    assertThat(store.findTraces(TraceQuery.newest("kept", 10)).items())
        .extracting(t -> t.traceId() + ":" + t.spanCount() + ":" + t.startTimeUnixNano())
        .containsExactlyInAnyOrder(trace(2) + ":1:" + (D1 + 2 * DAY + 5), trace(3) + ":1:" + (D1 + 2 * DAY + 10));
    assertThat(store.findSession("s1")).isEmpty();
    assertThat(store.findSession("s2")).isPresent();
    assertThat(store.findAnnotations(new AnnotationQuery("kept", AnnotationTarget.SPAN, List.of(), List.of(),
        List.of(), List.of(), PageRequest.first(10))).items()).extracting(a -> a.input().targetId())
        .containsExactly(id(5));

    List<AuditEntry> entries = store.audit().list(0, 100);
    AuditEntry last = entries.get(entries.size() - 1);
    assertThat(last.action()).isEqualTo(AuditStore.DELETE_SPANS);
    assertThat(last.detail()).contains("\"scope\":\"retention\"").contains("\"spans\":3")
        .contains("\"before_ns\":" + (D1 + DAY));
    AuditVerification verified = AuditVerification.of(store.audit());
    assertThat(verified.intact()).as(verified.problem()).isTrue();
    assertThat(store.retention().deleteBefore("kept", D1 + DAY)).as("nothing left to delete").isZero();
    assertThat(store.retention().deleteBefore("nowhere", D1 + DAY)).isZero();
  }

  @Test
  public void aTraceWhoseRootRetentionHasJustDropped_isLeftOutOfListsUntilItsRowIsRebuilt() throws Exception {
    store.write(List.of(span("window", trace(1), id(1), D1 + 10, null), span("window", trace(1), id(2), D1 + DAY,
        null).toBuilder().parentSpanId(id(1)).build(), span("window", trace(2), id(3), D1 + DAY + 10, null)));
    // Between retention's two transactions on PostgreSQL: the root's day dropped, the traces rows not rebuilt yet.
    store = tamper(store, "DELETE FROM spans WHERE span_id = '" + id(1) + "'");

    for (boolean withSpans : List.of(false, true)) {
      TraceQuery query = new TraceQuery("window", PageRequest.first(10), null, null, null, List.of(),
          TraceQuery.Sort.START_TIME, false, withSpans);
      assertThat(store.findTraces(query).items()).extracting(t -> t.traceId()).containsExactly(trace(2));
    }
  }

  @Test
  public void wholeDaysOfOneProject_goAndComeBack() {
    store.write(List.of(span("alone", trace(1), id(1), D1 + 10, null), span("alone", trace(2), id(2), D1 + DAY + 10,
        null), span("alone", trace(3), id(3), D1 + 3 * DAY, null)));
    assertThat(store.retention().deleteBefore("alone", D1 + 2 * DAY)).isEqualTo(2);
    assertThat(AuditVerification.of(store.audit()).intact()).isTrue();
    // A late span of a day whose spans were removed is stored again.
    store.write(List.of(span("alone", trace(5), id(5), D1 + 20, null)));
    assertThat(store.traceSpans(trace(5))).hasSize(1);
  }

  @Test
  public void startOfNewest_isTheCutThatKeepsThatManySpans() {
    for (int i = 0; i < 5; i++) {
      store.write(List.of(span("counted", trace(i), id(i), D1 + i * 1000L, null)));
    }
    assertThat(store.retention().startOfNewest("counted", 5)).isEmpty();
    long cut = store.retention().startOfNewest("counted", 3).orElseThrow();
    assertThat(store.retention().deleteBefore("counted", cut)).isEqualTo(2);
    assertThat(store.findTraces(TraceQuery.newest("counted", 10)).items()).extracting(t -> t.traceId())
        .containsExactlyInAnyOrder(trace(2), trace(3), trace(4));
    assertThat(store.retention().startOfNewest("nowhere", 3)).isEmpty();
  }

  @Test
  public void usage_givesTheDatabaseSizeAndEachProjectsSpansAndBytes() {
    store.write(List.of(span("big", trace(1), id(1), D1, null), span("big", trace(2), id(2), D1, null),
        span("small", trace(3), id(3), D1, null)));
    store.createProject("empty", null);
    StorageUsage usage = store.retention().usage();
    assertThat(usage.databaseBytes()).isPositive();
    assertThat(usage.projects()).extracting(StorageUsage.Project::project).contains("big", "small", "empty");
    StorageUsage.Project big = usage.projects().stream().filter(p -> p.project().equals("big")).findFirst()
        .orElseThrow();
    StorageUsage.Project empty = usage.projects().stream().filter(p -> p.project().equals("empty")).findFirst()
        .orElseThrow();
    assertThat(big.spans()).isEqualTo(2);
    assertThat(big.spanBytes()).isPositive();
    assertThat(empty.spans()).isZero();
    assertThat(empty.spanBytes()).isZero();
  }

  @Test
  public void aProject_isMarkedRegulatedAndNot() {
    store.write(List.of(span("gxp", trace(1), id(1), D1, null)));
    assertThat(store.retention().regulated("gxp")).isFalse();
    assertThat(store.retention().setRegulated("gxp", true)).isTrue();
    assertThat(store.retention().setRegulated("gxp", true)).isTrue();
    assertThat(store.retention().regulated("gxp")).isTrue();
    assertThat(store.retention().setRegulated("nowhere", true)).isFalse();
    assertThat(store.retention().setRegulated("gxp", false)).isTrue();
    assertThat(store.retention().regulated("gxp")).isFalse();
  }
}

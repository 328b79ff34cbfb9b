package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.model.Span;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SpanStore}, run against every backend. A backend supplies a fresh, empty store
 * and a way to close and reopen it over the same data.
 */
public abstract class SpanStoreContract {
  protected SpanStore store;

  /** A new store over empty storage. */
  protected abstract SpanStore newStore();

  /** Closes {@code store} and opens a new one over the same storage. */
  protected abstract SpanStore reopen(SpanStore store);

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private List<Span> all(String project) {
    List<Span> spans = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<StoredSpan> result = store.findSpans(new SpanQuery(project, page, null, null, null));
      result.items().forEach(s -> spans.add(s.span()));
      if (result.nextCursor().isEmpty()) {
        return spans;
      }
      page = PageRequest.of(result.nextCursor().getAsLong(), PageRequest.MAX_LIMIT);
    }
  }

  @Test
  public void write_thenFind_returnsTheSpanExactlyAsWritten() {
    Span span = TestSpans.llmSpan("tickets");

    store.write(List.of(span));

    assertThat(all("tickets")).containsExactly(span);
  }

  @Test
  public void write_thenFind_keepsAttributeValueTypesAndAnyText() {
    String awkward = "tab\there, new\nline, return\r, back\\slash, \\N, \"quoted\", ünïcödé, 😀, <b>&amp;</b>";
    java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    attributes.put("whole", 42L);
    attributes.put("past.double.precision", 9_007_199_254_740_993L);
    attributes.put("decimal", 0.1);
    attributes.put("whole.decimal", 2.0);
    attributes.put("huge.decimal", 1.0E21);
    attributes.put("tiny.decimal", -1.5E-10);
    attributes.put("flag", true);
    attributes.put("list", List.of("a", 1L, 2.5, false));
    attributes.put("map", java.util.Map.of("nested", java.util.Map.of("deeper", 3L)));
    attributes.put("awkward text", awkward);
    attributes.put("", "empty key");
    Span span = TestSpans.llmSpan("types").toBuilder().name(awkward).statusMessage(awkward).attributes(attributes)
        .build();

    store.write(List.of(span));

    assertThat(all("types")).containsExactly(span);
  }

  /**
   * Values that some databases cannot hold as they are: decimals that are not numbers, and the character
   * U+0000 in text.
   */
  @Test
  public void write_thenFind_keepsNonFiniteDecimalsAndNulCharacters() {
    Span span = TestSpans.llmSpan("edges").toBuilder().name("nul\u0000inside")
        .attributes(java.util.Map.of("nan", Double.NaN, "infinity", Double.POSITIVE_INFINITY, "nul", "a\u0000b"))
        .build();

    store.write(List.of(span));

    assertThat(all("edges")).containsExactly(span);
  }

  @Test
  public void write_thenFind_keepsInputAndOutputAttributesBesideTheirCanonicalFields() {
    Span base = TestSpans.llmSpan("tickets");
    java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>(base.attributes());
    attributes.put("input.value", base.llm().inputValue());
    attributes.put("output.value", "an output that differs from the canonical one");
    Span span = base.toBuilder().attributes(attributes).build();
    Span onlyInput = TestSpans.span("tickets", 5, 5).toBuilder()
        .attributes(java.util.Map.of("input.value", "same")).llm(dev.arbor.model.LlmFields.builder()
            .inputIfAbsent("same", "text/plain").build()).build();

    store.write(List.of(span, onlyInput));

    assertThat(all("tickets")).containsExactlyInAnyOrder(span, onlyInput);
  }

  @Test
  public void write_isIdempotentOnTraceAndSpanId() {
    List<Span> batch = TestSpans.spans("p", 0, 10);

    assertThat(counts(store.write(batch))).containsExactly(10, 0);
    assertThat(counts(store.write(batch))).containsExactly(0, 10);
    assertThat(counts(store.write(List.of(batch.get(3), TestSpans.span("p", 50, 50))))).containsExactly(1, 1);

    assertThat(all("p")).hasSize(11);
  }

  @Test
  public void write_repeatedSpanInOneBatch_isStoredOnceFirstCopyWins() {
    Span first = TestSpans.span("p", 1, 1);
    Span second = first.toBuilder().name("renamed").build();

    assertThat(counts(store.write(List.of(first, second)))).containsExactly(1, 1);

    assertThat(all("p")).containsExactly(first);
  }

  @Test
  public void write_sameSpanIdInAnotherTrace_isAnotherSpan() {
    Span a = TestSpans.span("p", 1, 7);
    Span b = TestSpans.span("p", 2, 7);

    assertThat(counts(store.write(List.of(a, b)))).containsExactly(2, 0);
  }

  /** An exporter resends the same span; a client that changes its start time between sends is not one. */
  @Test
  public void write_sameIdsWithAnotherStartTime_isStoredOnce() {
    Span first = TestSpans.span("p", 1, 1);
    Span moved = first.toBuilder().startTimeUnixNano(first.startTimeUnixNano() + 1_000)
        .endTimeUnixNano(first.endTimeUnixNano() + 1_000).build();

    store.write(List.of(first));

    assertThat(counts(store.write(List.of(moved)))).containsExactly(0, 1);
    assertThat(all("p")).containsExactly(first);
  }

  @Test
  public void write_isIdempotentAcrossReopen() {
    store.write(TestSpans.spans("p", 0, 5));
    store = reopen(store);

    assertThat(counts(store.write(TestSpans.spans("p", 0, 6)))).containsExactly(1, 5);
    assertThat(all("p")).hasSize(6);
  }

  @Test
  public void write_isDurableAcrossReopen() {
    Span span = TestSpans.llmSpan("tickets");
    store.write(List.of(span));

    store = reopen(store);

    assertThat(all("tickets")).containsExactly(span);
  }

  @Test
  public void write_createsProjectsOnFirstUse_newestFirst() {
    store.write(List.of(TestSpans.span("alpha", 1, 1)));
    store.write(List.of(TestSpans.span("beta", 2, 2), TestSpans.span("alpha", 3, 3)));

    Page<Project> projects = store.listProjects(PageRequest.first(10), null);

    assertThat(projects.items()).extracting(Project::name).containsExactly("beta", "alpha");
    assertThat(store.findProject("alpha")).isPresent();
    assertThat(store.findProject("gamma")).isEmpty();
  }

  @Test
  public void listProjects_pagesWithCursor() {
    for (int i = 0; i < 5; i++) {
      store.write(List.of(TestSpans.span("project-" + i, i, i)));
    }

    Page<Project> first = store.listProjects(PageRequest.first(2), null);
    Page<Project> second = store.listProjects(PageRequest.of(first.nextCursor().orElseThrow(), 2), null);
    Page<Project> third = store.listProjects(PageRequest.of(second.nextCursor().orElseThrow(), 2), null);

    assertThat(first.items()).extracting(Project::name).containsExactly("project-4", "project-3");
    assertThat(second.items()).extracting(Project::name).containsExactly("project-2", "project-1");
    assertThat(third.items()).extracting(Project::name).containsExactly("project-0");
    assertThat(third.nextCursor()).isEmpty();
  }

  @Test
  public void findSpans_pagesNewestFirstWithoutLossOrRepetition() {
    for (int batch = 0; batch < 5; batch++) {
      store.write(TestSpans.spans("p", batch * 100L, 100));
    }

    Set<String> seen = new HashSet<>();
    List<Long> ids = new ArrayList<>();
    PageRequest page = PageRequest.first(37);
    while (true) {
      Page<StoredSpan> result = store.findSpans(new SpanQuery("p", page, null, null, null));
      result.items().forEach(s -> {
        assertThat(seen.add(s.span().spanId())).as("repeated %s", s.span().spanId()).isTrue();
        ids.add(s.id());
      });
      if (result.nextCursor().isEmpty()) {
        break;
      }
      page = PageRequest.of(result.nextCursor().getAsLong(), 37);
    }

    assertThat(seen).hasSize(500);
    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  public void findSpans_onlyThatProject() {
    store.write(TestSpans.spans("a", 0, 3));
    store.write(TestSpans.spans("b", 10, 2));

    assertThat(all("a")).hasSize(3);
    assertThat(all("b")).hasSize(2);
    assertThat(all("nobody")).isEmpty();
  }

  @Test
  public void findSpans_byStartTime_isInclusiveStartExclusiveEnd() {
    store.write(TestSpans.spans("p", 0, 10));
    long start = TestSpans.span("p", 3, 3).startTimeUnixNano();
    long end = TestSpans.span("p", 6, 6).startTimeUnixNano();

    Page<StoredSpan> page = store.findSpans(new SpanQuery("p", PageRequest.first(100), start, end, null));

    assertThat(page.items()).extracting(s -> s.span().name()).containsExactlyInAnyOrder("span-3", "span-4", "span-5");
  }

  @Test
  public void query_badValuesFailWithTheFieldNamed() {
    assertThatThrownBy(() -> PageRequest.first(0)).hasMessage("limit must be between 1 and 1000: 0");
    assertThatThrownBy(() -> new SpanQuery("p", PageRequest.first(1), 10L, 5L, null)).hasMessageContaining("end_time");
  }

  @Test
  public void checkHealth_passesOnAnOpenStore() {
    store.checkHealth();
  }

  /** Newly stored and repeated, as a write reports them. */
  private static List<Integer> counts(WriteResult result) {
    return List.of(result.stored(), result.duplicates());
  }

  @Test
  public void write_reportsTheSpansItStored_firstCopyWins() {
    Span first = TestSpans.span("p", 7, 7);
    Span again = first.toBuilder().name("a later copy").build();
    Span other = TestSpans.span("p", 8, 8);

    WriteResult result = store.write(List.of(first, again, other));
    WriteResult repeat = store.write(List.of(other));

    assertThat(result.storedSpans()).containsExactly(first, other);
    assertThat(repeat.storedSpans()).isEmpty();
  }
}

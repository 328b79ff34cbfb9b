package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.store.PageRequest;
import dev.arbor.store.ProjectExistsException;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Projects: created, described, listed, deleted with everything in them, renamed with every reference by name, and
 * which projects hold a span or session id. Split from {@link QueryContract}, whose spans it writes.
 */
public abstract class ProjectContract {
  protected SpanStore store;

  protected abstract SpanStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  public void projects_areCreatedUpdatedAndDeletedWithEverythingInThem() {
    store.createProject("empty", "nothing yet");
    assertThatThrownBy(() -> store.createProject("empty", null)).isInstanceOf(ProjectExistsException.class);
    assertThat(store.updateProject("empty", "described")).get().extracting(p -> p.description()).isEqualTo("described");
    assertThat(store.updateProject("absent", "x")).isEmpty();
    store.write(List.of(QueryContract.llm(1, 1, null, "s-a", false)));
    assertThat(store.listProjects(PageRequest.first(10), "emp").items()).extracting(p -> p.name())
        .containsExactly("empty");

    assertThat(store.deleteProject("p")).isTrue();

    assertThat(store.findProject("p")).isEmpty();
    assertThat(store.findSpan(TestSpans.spanId(1))).isEmpty();
    assertThat(store.findSession("s-a")).isEmpty();
    store.write(List.of(QueryContract.llm(5, 5, null, null, false)));
    assertThat(store.findSpans(SpanQuery.of("p", 10)).items()).extracting(StoredSpan::id).hasSize(1);
  }

  @Test
  public void renameProject_keepsItsSpansAndIdAndMovesEveryReferenceByName() {
    store.write(List.of(QueryContract.llm(1, 1, null, "s-a", false)));
    long id = store.findProject("p").orElseThrow().id();
    store.createProject("taken", null);
    dev.arbor.store.StoredAlert alert = store.alerts().create(new dev.arbor.store.AlertRule(null, "errors", "p", null,
        dev.arbor.store.AlertRule.Metric.ERROR_RATE, 300, dev.arbor.store.AlertRule.Comparison.ABOVE, 0.1, null,
        null, true));
    dev.arbor.model.redaction.RedactionRule rule = store.redactionRules().create(
        dev.arbor.model.redaction.RedactionRule.custom("customer", "CUST-\\d{6}", "p", List.of()));
    dev.arbor.store.ProjectGrants grants = dev.arbor.store.ProjectGrants.of(Map.of(
        "p", dev.arbor.store.ProjectAccess.WRITE, "taken", dev.arbor.store.ProjectAccess.READ));
    java.time.Instant now = java.time.Instant.parse("2026-11-30T00:00:00Z");
    dev.arbor.store.User ada = store.access().createUser(new dev.arbor.store.User(0, "ada",
        dev.arbor.store.Role.MEMBER, "$2a$12$hash", grants, now, false));
    dev.arbor.store.ApiKey key = store.access().createKey(new dev.arbor.store.ApiKey(0, "ci", "arbor_pk_9",
        "c3".repeat(32), null, dev.arbor.store.Role.MEMBER, grants, now, null, null));
    store.retention().set(new dev.arbor.store.RetentionPolicy("p", 30, null));
    String version = store.redactionRules().version();

    assertThatThrownBy(() -> store.renameProject("p", "taken")).isInstanceOf(ProjectExistsException.class);
    // Rules and grants left naming a project that is gone would silently apply to the renamed one.
    store.alerts().create(new dev.arbor.store.AlertRule(null, "old", "gone", null,
        dev.arbor.store.AlertRule.Metric.SPAN_COUNT, 300, dev.arbor.store.AlertRule.Comparison.ABOVE, 1, null, null,
        true));
    assertThatThrownBy(() -> store.renameProject("p", "gone"))
        .isInstanceOf(dev.arbor.store.ProjectNameInUseException.class).hasMessageContaining("alert rules");
    assertThat(store.renameProject("absent", "q")).isEmpty();
    assertThat(store.renameProject("p", "q")).get().extracting(p -> p.id()).isEqualTo(id);

    assertThat(store.findProject("p")).isEmpty();
    assertThat(store.findSpans(SpanQuery.of("q", 10)).items()).extracting(s -> s.span().project()).containsExactly("q");
    assertThat(store.findTraces(TraceQuery.newest("q", 10)).items()).hasSize(1);
    assertThat(store.findSession("s-a")).get().extracting(SessionSummary::project).isEqualTo("q");
    assertThat(store.alerts().find(alert.rule().id())).get().extracting(a -> a.rule().project()).isEqualTo("q");
    assertThat(store.redactionRules().list()).filteredOn(r -> r.id() == rule.id())
        .extracting(dev.arbor.model.redaction.RedactionRule::project).containsExactly("q");
    assertThat(store.redactionRules().version()).as("servers reload the rules").isNotEqualTo(version);
    var renamed = dev.arbor.store.ProjectGrants.of(Map.of(
        "q", dev.arbor.store.ProjectAccess.WRITE, "taken", dev.arbor.store.ProjectAccess.READ));
    assertThat(store.access().user(ada.id())).get().extracting(dev.arbor.store.User::grants).isEqualTo(renamed);
    assertThat(store.access().key(key.id())).get().extracting(dev.arbor.store.ApiKey::grants).isEqualTo(renamed);
    assertThat(store.retention().find("q")).isPresent();

    store.write(List.of(QueryContract.llm(2, 2, null, null, false)));
    assertThat(store.findProject("p")).as("spans still sent under the old name make a new project").get()
        .extracting(p -> p.id()).isNotEqualTo(id);
    assertThat(store.findSpans(SpanQuery.of("q", 10)).items()).hasSize(1);
  }

  @Test
  public void projectsOfSpanAndSession_nameEveryProjectHoldingTheId() {
    store.write(List.of(QueryContract.llm(1, 1, null, "shared-session", false),
        QueryContract.llm(2, 2, null, "shared-session", false).toBuilder().project("q").build(),
        TestSpans.span("r", 3, 1).toBuilder().traceId(TestSpans.traceId(77)).build()));
    assertThat(store.projectsOfSession("shared-session")).containsExactly("p", "q");
    assertThat(store.projectsOfSpan(TestSpans.spanId(1))).containsExactly("p", "r");
    assertThat(store.projectsOfSpan("00000000000000ff")).isEmpty();
    assertThat(store.projectsOfSession("nowhere")).isEmpty();
  }
}

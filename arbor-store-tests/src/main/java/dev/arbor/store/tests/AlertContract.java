package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.AlertEvent;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertState;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredAlert;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alert rules, their state and history as every store keeps them. */
public abstract class AlertContract {
  protected SpanStore store;

  protected abstract SpanStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static AlertRule rule(String name, double threshold) {
    return new AlertRule(null, name, "tickets", "span_kind == 'LLM'", AlertRule.Metric.ERROR_RATE, 300,
        AlertRule.Comparison.ABOVE, threshold, "https://hooks.example/arbor", AlertRule.WebhookFormat.SLACK, true);
  }

  @Test
  public void rules_areCreatedListedUpdatedAndDeleted() {
    StoredAlert a = store.alerts().create(rule("errors", 0.2));
    StoredAlert b = store.alerts().create(rule("more errors", 0.5));

    assertThat(a.state()).isEqualTo(AlertState.OK);
    assertThat(store.alerts().list()).extracting(StoredAlert::rule).containsExactly(a.rule(), b.rule());
    AlertRule changed = new AlertRule(null, "cost", "support", null, AlertRule.Metric.COST_USD, 86_400,
        AlertRule.Comparison.ABOVE, 25, null, null, false);
    assertThat(store.alerts().update(a.rule().id(), changed)).get()
        .satisfies(s -> assertThat(s.rule()).isEqualTo(changed.withId(a.rule().id())));
    assertThat(store.alerts().update(9_999, changed)).isEmpty();
    assertThat(store.alerts().delete(b.rule().id())).isTrue();
    store.alerts().transition(a.rule().id(), AlertState.OK, AlertState.FIRING, 30.0, 1_000);
    assertThat(store.alerts().update(a.rule().id(), changed)).get()
        .satisfies(s -> assertThat(s.state()).as("a disabled rule is OK").isEqualTo(AlertState.OK));
    assertThat(store.alerts().delete(b.rule().id())).isFalse();
    assertThat(store.alerts().list()).hasSize(1);
  }

  @Test
  public void transition_happensOnceAndIsRecordedAsAnEvent() {
    long id = store.alerts().create(rule("errors", 0.2)).rule().id();

    Optional<Long> fired = store.alerts().transition(id, AlertState.OK, AlertState.FIRING, 0.31, 1_000);
    Optional<Long> again = store.alerts().transition(id, AlertState.OK, AlertState.FIRING, 0.35, 1_500);
    store.alerts().delivered(fired.orElseThrow(), "sent");
    store.alerts().evaluated(id, 0.33, 2_000);
    Optional<Long> resolved = store.alerts().transition(id, AlertState.FIRING, AlertState.OK, 0.1, 3_000);

    assertThat(again).as("another server already moved it").isEmpty();
    assertThat(resolved).isPresent();
    assertThat(store.alerts().find(id)).get().satisfies(s -> {
      assertThat(s.state()).isEqualTo(AlertState.OK);
      assertThat(s.lastValue()).isEqualTo(0.1);
      assertThat(s.lastEvaluatedAtMillis()).isEqualTo(3_000L);
    });
    assertThat(store.alerts().events(id, 10)).extracting(AlertEvent::state, AlertEvent::value, AlertEvent::atMillis,
        AlertEvent::delivery)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlertState.OK, 0.1, 3_000L, "pending"),
            org.assertj.core.groups.Tuple.tuple(AlertState.FIRING, 0.31, 1_000L, "sent"));
    assertThat(store.alerts().events(id, 1)).hasSize(1);
  }

  @Test
  public void deletingARule_deletesItsHistory() {
    long id = store.alerts().create(rule("errors", 0.2)).rule().id();
    store.alerts().transition(id, AlertState.OK, AlertState.FIRING, 0.31, 1_000);

    store.alerts().delete(id);

    assertThat(store.alerts().events(id, 10)).isEmpty();
  }
}

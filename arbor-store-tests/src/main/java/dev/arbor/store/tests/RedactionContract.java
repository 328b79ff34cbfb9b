package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.redaction.Detector;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.RuleSource;
import dev.arbor.store.SpanStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redaction rules as every store keeps them, and the version servers compare to reload them. */
public abstract class RedactionContract {
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

  @Test
  public void rules_areCreatedListedUpdatedAndDeleted_withTheirScopeAndAttributes() {
    RedactionRule email = store.redactionRules().create(RedactionRule.builtIn(Detector.EMAIL));
    RedactionRule customer = store.redactionRules().create(RedactionRule.custom("customer_id", "CUST-\\d{6}",
        "tickets-not-yet-seen", List.of("input.value", "llm.input_messages.*")));

    assertThat(email.id()).isPositive();
    assertThat(customer.id()).isGreaterThan(email.id());
    assertThat(store.redactionRules().list()).containsExactly(email, customer);
    assertThat(customer.source()).isEqualTo(RuleSource.API);
    assertThat(store.redactionRules().list().get(1).attributes())
        .containsExactly("input.value", "llm.input_messages.*");

    RedactionRule changed = RedactionRule.custom("customer_id", "CUST-\\d{8}", null, List.of());
    assertThat(store.redactionRules().update(customer.id(), changed)).contains(changed.withId(customer.id()));
    assertThat(store.redactionRules().update(99_999, changed)).isEmpty();
    assertThat(store.redactionRules().list().get(1)).isEqualTo(changed.withId(customer.id()));
    assertThat(store.redactionRules().delete(email.id())).isTrue();
    assertThat(store.redactionRules().delete(email.id())).isFalse();
    assertThat(store.redactionRules().list()).extracting(RedactionRule::name).containsExactly("customer_id");
  }

  @Test
  public void version_differsWheneverTheStoredRulesDiffer() {
    String empty = store.redactionRules().version();
    RedactionRule rule = store.redactionRules().create(RedactionRule.builtIn(Detector.PHONE));
    String created = store.redactionRules().version();
    store.redactionRules().update(rule.id(), RedactionRule.builtIn(Detector.IBAN));
    String updated = store.redactionRules().version();
    store.redactionRules().delete(rule.id());
    String deleted = store.redactionRules().version();
    store.redactionRules().create(RedactionRule.builtIn(Detector.PHONE));
    String recreated = store.redactionRules().version();

    assertThat(List.of(empty, created, updated, recreated)).doesNotHaveDuplicates();
    assertThat(deleted).as("no rules again, as at the start").isNotIn(created, updated, recreated);
    assertThat(store.redactionRules().version()).as("reading changes nothing").isEqualTo(recreated);
  }
}

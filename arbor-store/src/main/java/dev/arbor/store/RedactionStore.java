package dev.arbor.store;

import dev.arbor.model.redaction.RedactionRule;
import java.util.List;
import java.util.Optional;

/**
 * Redaction rules set through the API (source {@code API}), kept with the spans so that every server on the
 * database redacts alike. A project-scoped rule names its project, which need not exist yet: a rule for a project
 * applies from that project's first span. Rules from the file given at start are configuration, not stored here.
 *
 * <p>Example: {@code store.redactionRules().create(RedactionRule.builtIn(Detector.EMAIL))}.
 */
public interface RedactionStore {
  /** Every stored rule, in id order, with source {@code API}. */
  List<RedactionRule> list();

  /** Stores a new rule ({@code id} ignored); returns it with its id. */
  RedactionRule create(RedactionRule rule);

  /** Replaces the rule with this id; empty if there is none. */
  Optional<RedactionRule> update(long id, RedactionRule rule);

  /** Deletes a rule; false if there was none. */
  boolean delete(long id);

  /**
   * A value that differs whenever the stored rules differ from what they were when it was read (a rule created,
   * changed or deleted by any server on the database): servers compare it to know when to read the rules again.
   */
  String version();
}

package dev.arbor.store;

import java.util.List;
import java.util.Optional;

/**
 * Alert rules, their state and their history. State changes are conditional ({@link #transition}), so that of
 * several servers evaluating the same rule exactly one records the change and sends its notification.
 *
 * <p>Example: {@code if (alerts.transition(id, OK, FIRING, 0.31, now)) { notify(); }}.
 */
public interface AlertStore {
  List<StoredAlert> list();

  Optional<StoredAlert> find(long id);

  /** Stores a new rule ({@code id} ignored), in state OK. */
  StoredAlert create(AlertRule rule);

  /**
   * Replaces a rule's definition, keeping its history and its state (a disabled rule is OK: it watches nothing,
   * and must not resolve long after); empty if there is none.
   */
  Optional<StoredAlert> update(long id, AlertRule rule);

  /** Deletes a rule with its history; false if there was none. */
  boolean delete(long id);

  /** Records an evaluation that left the state as it was. */
  void evaluated(long id, Double value, long atMillis);

  /**
   * Moves a rule from {@code from} to {@code to} and records the value, if it is still in {@code from}; records
   * the change as an event. True if this call made the change (then the caller notifies), with the event's id.
   */
  Optional<Long> transition(long id, AlertState from, AlertState to, Double value, long atMillis);

  /** What became of an event's notification. */
  void delivered(long eventId, String delivery);

  /** A rule's events, newest first. */
  List<AlertEvent> events(long ruleId, int limit);
}

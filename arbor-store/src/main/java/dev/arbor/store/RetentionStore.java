package dev.arbor.store;

import java.util.List;
import java.util.Optional;

/**
 * Retention and what governs deleting: each project's policy, whether it is regulated, the deletion that applies it, and what the projects take on disk. A deletion
 * removes the spans with their annotations, the traces and sessions left without spans, and records what went in
 * the audit trail ({@code DELETE SPANS}, scope {@code retention}) in one transaction; whole partitions a store drops
 * go first, in a transaction of their own with their own entry.
 *
 * <p>Example: {@code store.retention().deleteBefore("support-bot", cutoffNanos)}.
 */
public interface RetentionStore {
  /** Every policy, by project name. */
  List<RetentionPolicy> list();

  Optional<RetentionPolicy> find(String project);

  /** Sets a project's policy; empty when there is no such project. */
  Optional<RetentionPolicy> set(RetentionPolicy policy);

  /** Removes a project's policy; false if it had none. */
  boolean clear(String project);

  /**
   * Deletes the project's spans that started before {@code beforeNanos} (on PostgreSQL whole day partitions that
   * hold nothing else are dropped); returns how many spans went. An unknown project loses nothing.
   */
  long deleteBefore(String project, long beforeNanos);

  /** The start time of the project's {@code n}-th newest span; empty when it has {@code n} spans or fewer. */
  Optional<Long> startOfNewest(String project, long n);

  /** The database's size and each project's share of it. */
  StorageUsage usage();

  /** Whether deletions in the project must give a reason (a project under GxP, say). */
  boolean regulated(String project);

  /** Marks a project regulated or not; false when there is no such project. */
  boolean setRegulated(String project, boolean regulated);
}

package dev.arbor.server.retention;

import dev.arbor.store.RetentionPolicy;
import dev.arbor.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the projects' retention policies every {@code interval}, and one project's on demand. A policy's cut is
 * the later of "now minus max_age_days" and "the start of the newest max_spans spans": spans that started before
 * it are deleted (by the store, which records the deletion in the audit trail).
 */
public final class Retention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  private static final long DAY_NANOS = 86_400_000_000_000L;

  private final RetentionStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  /** What applying a policy did: the cut (null when there was nothing to cut) and how many spans went. */
  public record Outcome(String project, Long beforeNanos, long deletedSpans) {}

  private Retention(RetentionStore store, Clock clock, ScheduledExecutorService scheduler) {
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  public static Retention start(RetentionStore store, Duration interval, Clock clock) {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("arbor-retention").daemon().factory());
    Retention retention = new Retention(store, clock, scheduler);
    scheduler.scheduleWithFixedDelay(retention::applyAllLogged, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return retention;
  }

  /** Applies one project's policy now; empty when it has none. */
  public Optional<Outcome> apply(String project) {
    return store.find(project).map(this::apply);
  }

  /** Applies every policy now. */
  public List<Outcome> applyAll() {
    List<Outcome> outcomes = new ArrayList<>();
    for (RetentionPolicy policy : store.list()) {
      try {
        outcomes.add(apply(policy));
      } catch (RuntimeException e) {
        // One project's failure does not keep the others from being cleaned.
        log.error("Retention of project '{}' failed: {}", policy.project(), e.toString());
      }
    }
    return outcomes;
  }

  private Outcome apply(RetentionPolicy policy) {
    Long cut = null;
    if (policy.maxAgeDays() != null) {
      long nowNanos = clock.millis() * 1_000_000L;
      cut = nowNanos - policy.maxAgeDays() * DAY_NANOS;
    }
    if (policy.maxSpans() != null) {
      Optional<Long> newest = store.startOfNewest(policy.project(), policy.maxSpans());
      if (newest.isPresent() && (cut == null || newest.get() > cut)) {
        cut = newest.get();
      }
    }
    long deleted = cut == null ? 0 : store.deleteBefore(policy.project(), cut);
    return new Outcome(policy.project(), cut, deleted);
  }

  private void applyAllLogged() {
    try {
      for (Outcome outcome : applyAll()) {
        if (outcome.deletedSpans() > 0) {
          log.info("Retention deleted {} spans of project '{}' that started before {}", outcome.deletedSpans(),
              outcome.project(), java.time.Instant.ofEpochSecond(0, outcome.beforeNanos()));
        }
      }
    } catch (RuntimeException e) {
      log.error("Retention could not run: {}", e.toString());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.arbor.server.pricing;

import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceBook;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.CostGroup;
import dev.arbor.store.SpanStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings stored costs in line with the current prices, in the background, one group of spans at a time.
 * Every book that was current since costs were last known to be right may have priced some stored span, so
 * a group is recomputed when any of those books prices it differently from the current one. A pass that
 * ends with no newer book records the book's fingerprint in the store, so that the next start knows the
 * stored costs are right; a start with another fingerprint recomputes every group.
 */
final class CostRecomputer implements AutoCloseable {
  static final String FINGERPRINT = "pricing.fingerprint";
  private static final Logger log = LoggerFactory.getLogger(CostRecomputer.class);

  private final SpanStore store;
  private final Supplier<PriceBook> current;
  private final Clock clock;
  private static final long RETRY_SECONDS = 30;

  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("arbor-cost-recompute").daemon().factory());
  private final Object lock = new Object();
  private final List<PriceBook> since = new ArrayList<>();
  private boolean all;
  private boolean scheduled;
  private volatile RecomputeStatus status = RecomputeStatus.IDLE;

  CostRecomputer(SpanStore store, Supplier<PriceBook> current, Clock clock) {
    this.store = store;
    this.current = current;
    this.clock = clock;
  }

  /** Starts from the book in use; recomputes everything if the store's costs came from another book. */
  void start(PriceBook book) {
    boolean stale = !store.prices().fact(FINGERPRINT).equals(Optional.of(book.fingerprint()));
    synchronized (lock) {
      since.add(book);
      if (stale) {
        all = true;
        schedule();
      }
    }
  }

  /** A new book is current: spans may have been priced with it from now on. */
  void changed(PriceBook book) {
    synchronized (lock) {
      since.add(book);
      // Running from now: a caller that saw "idle" before its change never mistakes it for the end of its recompute.
      status = new RecomputeStatus("running", 0, 0, 0, clock.instant(), null, null);
      schedule();
    }
  }

  RecomputeStatus status() {
    return status;
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      worker.execute(this::run);
    }
  }

  private void run() {
    while (true) {
      List<PriceBook> books;
      boolean everything;
      synchronized (lock) {
        books = List.copyOf(since);
        everything = all;
      }
      PriceBook target = current.get();
      try {
        pass(target, books, everything);
        if (finish(target)) {
          return;
        }
      } catch (RuntimeException e) {
        // The books seen so far are kept, so the retry still covers every span they priced.
        log.error("Recomputing costs failed; retrying in {} s: {}", RETRY_SECONDS, e.getMessage());
        status = new RecomputeStatus("failed", status.groupsDone(), status.groupsTotal(), status.spansUpdated(),
            status.startedAt(), clock.instant(), e.getMessage());
        worker.schedule(this::run, RETRY_SECONDS, TimeUnit.SECONDS);
        return;
      }
    }
  }

  /**
   * Ends the work if no newer book came during the pass: the costs are then right for {@code target}, which is
   * recorded. False when another pass is needed.
   */
  private boolean finish(PriceBook target) {
    synchronized (lock) {
      if (since.get(since.size() - 1) != target) {
        return false;
      }
      store.prices().putFact(FINGERPRINT, target.fingerprint());
      since.clear();
      since.add(target);
      all = false;
      scheduled = false;
      status = new RecomputeStatus("idle", status.groupsDone(), status.groupsTotal(), status.spansUpdated(),
          status.startedAt(), clock.instant(), null);
      return true;
    }
  }

  private void pass(PriceBook target, List<PriceBook> books, boolean everything) {
    Instant started = clock.instant();
    List<CostGroup> changed = new ArrayList<>();
    for (CostGroup group : store.costGroups()) {
      Optional<TokenPrices> wanted = prices(target, group);
      if (everything || books.stream().anyMatch(b -> !Objects.equals(prices(b, group), wanted))) {
        changed.add(group);
      }
    }
    long updated = 0;
    status = new RecomputeStatus("running", 0, changed.size(), 0, started, null, null);
    for (int i = 0; i < changed.size(); i++) {
      CostGroup group = changed.get(i);
      updated += store.recomputeCosts(group, prices(current.get(), group).orElse(null));
      status = new RecomputeStatus("running", i + 1, changed.size(), updated, started, null, null);
    }
    if (!changed.isEmpty()) {
      log.info("Recomputed the costs of {} spans in {} model groups", updated, changed.size());
    }
  }

  private static Optional<TokenPrices> prices(PriceBook book, CostGroup group) {
    return book.find(group.project(), group.provider(), group.modelName()).map(ModelPrice::prices);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.arbor.server.pricing;

import dev.arbor.model.Span;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceBook;
import dev.arbor.model.pricing.PriceList;
import dev.arbor.store.SpanStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prices in force and the costs they give: the bundled list, then a file given at start, then the prices
 * set through the API (stored, so they survive restarts). The ingest writer prices each batch and writes it
 * under a read lock, and a change swaps the book under the write lock: once a change returns, no span is
 * being priced with the old book any more, so the recompute that follows (see {@link CostRecomputer})
 * covers every span the old book priced.
 *
 * <p>Servers that share a database learn of each other's price changes from a version fact that every change
 * sets: each server checks it every {@link #POLL} and reloads when it moved, then recomputes what the change
 * touched, including what it priced with the old book in the meantime.
 */
public final class Pricing implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(5);
  private static final String VERSION = "prices.version";
  private static final Logger log = LoggerFactory.getLogger(Pricing.class);

  private final SpanStore store;
  private final List<ModelPrice> configured;
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("arbor-price-poll").daemon().factory());
  private volatile Optional<String> seenVersion;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final CostRecomputer recomputer;
  private volatile PriceBook book;

  private Pricing(SpanStore store, List<ModelPrice> filePrices, Clock clock) {
    this.store = store;
    List<ModelPrice> list = new ArrayList<>(PriceList.bundled());
    list.addAll(filePrices);
    this.configured = List.copyOf(list);
    this.seenVersion = store.prices().fact(VERSION);
    this.book = build();
    this.recomputer = new CostRecomputer(store, () -> book, clock);
  }

  /** Prices from the bundled list, {@code filePrices} and the store; recomputes stored costs if they are stale. */
  public static Pricing create(SpanStore store, List<ModelPrice> filePrices) {
    Pricing pricing = new Pricing(store, filePrices, Clock.systemUTC());
    pricing.recomputer.start(pricing.book);
    pricing.poller.scheduleWithFixedDelay(pricing::reloadIfChangedElsewhere, POLL.toMillis(), POLL.toMillis(),
        TimeUnit.MILLISECONDS);
    return pricing;
  }

  private PriceBook build() {
    List<ModelPrice> all = new ArrayList<>(configured);
    all.addAll(store.prices().list());
    return PriceBook.of(all);
  }

  public PriceBook book() {
    return book;
  }

  /** Prices the spans and hands them to {@code write}, with no price change in between. */
  public <T> T priceAndWrite(List<Span> spans, Function<List<Span>, T> write) {
    lock.readLock().lock();
    try {
      PriceBook prices = book;
      List<Span> priced = new ArrayList<>(spans.size());
      for (Span span : spans) {
        priced.add(prices.price(span));
      }
      return write.apply(priced);
    } finally {
      lock.readLock().unlock();
    }
  }

  public ModelPrice create(ModelPrice price) {
    ModelPrice created = store.prices().create(price);
    changed();
    return created;
  }

  public Optional<ModelPrice> update(long id, ModelPrice price) {
    Optional<ModelPrice> updated = store.prices().update(id, price);
    updated.ifPresent(p -> changed());
    return updated;
  }

  public boolean delete(long id) {
    boolean deleted = store.prices().delete(id);
    if (deleted) {
      changed();
    }
    return deleted;
  }

  /** A change this server made: tells the other servers on the database, then reloads. */
  private void changed() {
    String version = UUID.randomUUID().toString();
    store.prices().putFact(VERSION, version);
    seenVersion = Optional.of(version);
    reload();
  }

  private void reloadIfChangedElsewhere() {
    try {
      Optional<String> version = store.prices().fact(VERSION);
      if (!version.equals(seenVersion)) {
        seenVersion = version;
        reload();
      }
    } catch (RuntimeException e) {
      log.warn("Could not check the stored prices for changes: {}", e.getMessage());
    }
  }

  /**
   * A project went with its own prices, or was renamed (the book matches them by name): the book is rebuilt, here
   * and on the other servers.
   */
  public void projectsChanged() {
    changed();
  }

  /** Rebuilds the book from the store (after a price or project change) and recomputes what it changed. */
  private synchronized void reload() {
    PriceBook next = build();
    lock.writeLock().lock();
    try {
      book = next;
    } finally {
      lock.writeLock().unlock();
    }
    recomputer.changed(next);
  }

  public RecomputeStatus recomputeStatus() {
    return recomputer.status();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    recomputer.close();
  }
}

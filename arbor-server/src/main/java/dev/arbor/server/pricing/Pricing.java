package dev.arbor.server.pricing;

import dev.arbor.model.Span;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceBook;
import dev.arbor.model.pricing.PriceList;
import dev.arbor.store.SpanStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The prices in force and the costs they give: the bundled list, then a file given at start, then the prices
 * set through the API (stored, so they survive restarts). The ingest writer prices each batch and writes it
 * under a read lock, and a change swaps the book under the write lock: once a change returns, no span is
 * being priced with the old book any more, so the recompute that follows (see {@link CostRecomputer})
 * covers every span the old book priced.
 */
public final class Pricing implements AutoCloseable {
  private final SpanStore store;
  private final List<ModelPrice> configured;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final CostRecomputer recomputer;
  private volatile PriceBook book;

  private Pricing(SpanStore store, List<ModelPrice> filePrices, Clock clock) {
    this.store = store;
    List<ModelPrice> list = new ArrayList<>(PriceList.bundled());
    list.addAll(filePrices);
    this.configured = List.copyOf(list);
    this.book = build();
    this.recomputer = new CostRecomputer(store, () -> book, clock);
  }

  /** Prices from the bundled list, {@code filePrices} and the store; recomputes stored costs if they are stale. */
  public static Pricing create(SpanStore store, List<ModelPrice> filePrices) {
    Pricing pricing = new Pricing(store, filePrices, Clock.systemUTC());
    pricing.recomputer.start(pricing.book);
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
    reload();
    return created;
  }

  public Optional<ModelPrice> update(long id, ModelPrice price) {
    Optional<ModelPrice> updated = store.prices().update(id, price);
    updated.ifPresent(p -> reload());
    return updated;
  }

  public boolean delete(long id) {
    boolean deleted = store.prices().delete(id);
    if (deleted) {
      reload();
    }
    return deleted;
  }

  /** Rebuilds the book from the store (after a price or project change) and recomputes what it changed. */
  public synchronized void reload() {
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
    recomputer.close();
  }
}

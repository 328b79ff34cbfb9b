package dev.arbor.server.redaction;

import dev.arbor.model.Span;
import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.Redactor;
import dev.arbor.store.RedactionStore;
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
 * The redaction rules in force and the compiled {@link Redactor} that ingest applies. A change through the API
 * takes effect for every span submitted after it returns; other servers sharing the database notice the
 * store's {@linkplain RedactionStore#version() version} change within {@link #POLL}.
 */
public final class RedactionRules implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(RedactionRules.class);

  private final RedactionStore store;
  private final List<RedactionRule> fileRules;
  private final ScheduledExecutorService poller;
  private volatile Redactor redactor = Redactor.none();
  private volatile List<RedactionRule> rules = List.of();
  private volatile String version = "";

  private RedactionRules(RedactionStore store, List<RedactionRule> fileRules) {
    this.store = store;
    this.fileRules = List.copyOf(fileRules);
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "arbor-redaction-rules");
      t.setDaemon(true);
      return t;
    });
  }

  /** Loads the rules (failing the start if the store cannot be read) and starts watching the store for changes. */
  public static RedactionRules create(RedactionStore store, List<RedactionRule> fileRules) {
    RedactionRules rules = new RedactionRules(store, fileRules);
    rules.reload();
    rules.poller.scheduleWithFixedDelay(rules::reloadIfChanged, POLL.toMillis(), POLL.toMillis(),
        TimeUnit.MILLISECONDS);
    return rules;
  }

  /** The span with the rules applied: see {@link Redactor#redact(Span)}. */
  public Span redact(Span span) {
    return redactor.redact(span);
  }

  public Redactor redactor() {
    return redactor;
  }

  /** Every rule in force: the file's first, then the store's in id order. */
  public List<RedactionRule> rules() {
    return rules;
  }

  public RedactionRule create(RedactionRule rule) {
    RedactionRule created = store.create(rule);
    reload();
    return created;
  }

  public Optional<RedactionRule> update(long id, RedactionRule rule) {
    Optional<RedactionRule> updated = store.update(id, rule);
    reload();
    return updated;
  }

  public boolean delete(long id) {
    boolean deleted = store.delete(id);
    reload();
    return deleted;
  }

  /** Reads the rules from the store again (after a change that renamed a project they name). */
  public synchronized void reload() {
    String current = store.version();
    List<RedactionRule> all = new ArrayList<>(fileRules);
    all.addAll(store.list());
    redactor = Redactor.of(all);
    rules = List.copyOf(all);
    version = current;
  }

  private void reloadIfChanged() {
    try {
      if (!store.version().equals(version)) {
        reload();
        log.info("Redaction rules changed in the store; {} rules in force", rules.size());
      }
    } catch (RuntimeException e) {
      log.warn("Cannot read the redaction rules from the store (keeping the ones in force): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}

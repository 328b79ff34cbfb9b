package dev.arbor.server.alerts;

import dev.arbor.server.query.QueryService;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertState;
import dev.arbor.store.AlertStore;
import dev.arbor.store.MetricsQuery;
import dev.arbor.store.MetricsRow;
import dev.arbor.store.StoredAlert;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every enabled rule on a schedule (and on demand): the rule's figure over its window, read through
 * {@link QueryService} like the dashboards, compared with its threshold. A change of state is made
 * conditionally in the store, so that of several servers sharing a database exactly one records it and posts
 * the notification. One rule's failure (a filter that no longer parses, a slow webhook) does not stop the others.
 */
public final class AlertEvaluator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

  private final AlertStore alerts;
  private final QueryService queries;
  private final WebhookNotifier notifier;
  private final Clock clock;
  private final ScheduledExecutorService schedule =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("arbor-alerts").daemon().factory());

  private AlertEvaluator(AlertStore alerts, QueryService queries, String baseUrl, WebhookTargets targets,
      Clock clock) {
    this.alerts = alerts;
    this.queries = queries;
    this.notifier = new WebhookNotifier(baseUrl, targets);
    this.clock = clock;
  }

  /** Starts evaluating every {@code interval}; {@code baseUrl} makes the links in notifications. */
  public static AlertEvaluator start(AlertStore alerts, QueryService queries, String baseUrl, WebhookTargets targets,
      Duration interval) {
    AlertEvaluator evaluator = new AlertEvaluator(alerts, queries, baseUrl, targets, Clock.systemUTC());
    evaluator.schedule.scheduleWithFixedDelay(evaluator::evaluateQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return evaluator;
  }

  private void evaluateQuietly() {
    try {
      evaluateAll();
    } catch (RuntimeException e) {
      log.warn("Evaluating alert rules failed: {}", e.getMessage());
    }
  }

  /** Evaluates every enabled rule now, on the evaluator's thread (so never two at once); their states after. */
  public List<StoredAlert> evaluateNow() {
    try {
      return schedule.submit(this::evaluateAll).get(2, TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("evaluating alert rules took over 2 minutes", e);
    }
  }

  private List<StoredAlert> evaluateAll() {
    List<StoredAlert> after = new ArrayList<>();
    for (StoredAlert alert : alerts.list()) {
      if (alert.rule().enabled()) {
        try {
          evaluate(alert);
        } catch (RuntimeException e) {
          log.warn("Alert rule {} ({}) could not be evaluated: {}", alert.rule().id(), alert.rule().name(),
              e.getMessage());
        }
      }
      alerts.find(alert.rule().id()).ifPresent(after::add);
    }
    return after;
  }

  private void evaluate(StoredAlert alert) {
    AlertRule rule = alert.rule();
    Instant now = clock.instant();
    long end = now.getEpochSecond() * 1_000_000_000L + now.getNano() + 1;
    long start = end - rule.windowSeconds() * 1_000_000_000L;
    Filter filter = rule.filter() == null ? null : queries.filter(Scope.SPAN, rule.filter());
    MetricsRow total = queries.metrics(MetricsQuery.total(rule.project(), start, end, filter)).total();
    Double value = value(rule.metric(), total);
    AlertState next = rule.breached(value) ? AlertState.FIRING : AlertState.OK;
    if (next == alert.state()) {
      alerts.evaluated(rule.id(), value, now.toEpochMilli());
      return;
    }
    Optional<Long> event = alerts.transition(rule.id(), alert.state(), next, value, now.toEpochMilli());
    if (event.isPresent()) {
      log.info("Alert {} ({}) is {}: {}", rule.id(), rule.name(), next == AlertState.FIRING ? "firing" : "resolved",
          WebhookNotifier.describe(rule, value));
      alerts.delivered(event.get(), notifier.notify(rule, next, value, now));
    }
  }

  /** The rule's figure; with no spans in the window, counts are 0 and a percentile has no value. */
  static Double value(AlertRule.Metric metric, MetricsRow total) {
    return switch (metric) {
      case ERROR_RATE -> total == null ? 0.0 : (double) total.errors() / total.spans();
      case LATENCY_P95_MS -> total == null ? null : total.latencyP95Ms();
      case COST_USD -> total == null || total.cost().cost() == null ? 0.0 : total.cost().cost();
      case TOKENS -> {
        if (total == null) {
          yield 0.0;
        }
        var t = total.tokens();
        yield (double) (t.total() != null ? t.total()
            : (t.prompt() == null ? 0 : t.prompt()) + (t.completion() == null ? 0 : t.completion()));
      }
      case SPAN_COUNT -> total == null ? 0.0 : (double) total.spans();
    };
  }

  /** Stops the schedule and waits for an evaluation under way, so that none runs against a closed store. */
  @Override
  public void close() {
    schedule.shutdownNow();
    try {
      schedule.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    notifier.close();
  }
}

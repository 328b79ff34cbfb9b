package dev.arbor.server.api;

import dev.arbor.server.access.Principal;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.Put;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.arbor.server.alerts.AlertEvaluator;
import dev.arbor.server.alerts.WebhookTargets;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.AlertEvent;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertStore;
import dev.arbor.store.StoredAlert;
import dev.arbor.store.filter.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Alert rules: a figure of a project's recent spans (error rate, p95 latency, cost, tokens, span count) over a
 * window, against a threshold; their state, history, and evaluation on demand.
 */
@Blocking
public final class AlertsApi {
  private final AlertStore alerts;
  private final AlertEvaluator evaluator;
  private final QueryService queries;
  private final WebhookTargets webhooks;

  public AlertsApi(AlertStore alerts, AlertEvaluator evaluator, QueryService queries, WebhookTargets webhooks) {
    this.webhooks = webhooks;
    this.alerts = alerts;
    this.evaluator = evaluator;
    this.queries = queries;
  }

  /**
   * A rule as the API shows it. Its webhook URL is a secret (Slack's carry the token in the path), so only its
   * host is shown; a PUT must send the URL again.
   */
  record AlertDto(long id, String name, String project, String filter, String metric, long windowSeconds,
      String comparison, double threshold, String webhookHost, String webhookFormat, boolean enabled, String state,
      Double lastValue, String lastEvaluatedAt) {
    static AlertDto of(StoredAlert a) {
      AlertRule r = a.rule();
      String host = r.webhookUrl() == null ? null : java.net.URI.create(r.webhookUrl()).getHost();
      return new AlertDto(r.id(), r.name(), r.project(), r.filter(), lower(r.metric()), r.windowSeconds(),
          lower(r.comparison()), r.threshold(), host, lower(r.webhookFormat()), r.enabled(),
          a.state() == dev.arbor.store.AlertState.FIRING ? "firing" : "ok", a.lastValue(),
          a.lastEvaluatedAtMillis() == null ? null : Instant.ofEpochMilli(a.lastEvaluatedAtMillis()).toString());
    }
  }

  record EventDto(long id, String state, Double value, double threshold, String at, String delivery) {
    static EventDto of(AlertEvent e) {
      return new EventDto(e.id(), e.state() == dev.arbor.store.AlertState.FIRING ? "firing" : "resolved", e.value(),
          e.threshold(), Instant.ofEpochMilli(e.atMillis()).toString(), e.delivery());
    }
  }

  record AlertInput(String name, String project, String filter, String metric, Long windowSeconds, String comparison,
      Double threshold, String webhookUrl, String webhookFormat, Boolean enabled) {}

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  @Get("/api/alerts")
  @ProducesJson
  public DataDto<List<AlertDto>> list(ServiceRequestContext ctx) {
    // A caller limited to some projects sees their alerts only (not those that watch every project).
    Principal caller = Principal.of(ctx);
    return new DataDto<>(alerts.list().stream()
        .filter(a -> !caller.grants().limited() || a.rule().project() != null && caller.canRead(a.rule().project()))
        .map(AlertDto::of).toList());
  }

  @Post("/api/alerts")
  @StatusCode(201)
  @ProducesJson
  public DataDto<AlertDto> create(AggregatedHttpRequest request) {
    return new DataDto<>(AlertDto.of(alerts.create(rule(ApiJson.read(request, AlertInput.class)))));
  }

  @Get("/api/alerts/{id}")
  @ProducesJson
  public DataDto<AlertDto> get(@Param("id") String id) {
    return new DataDto<>(AlertDto.of(alerts.find(id(id)).orElseThrow(() -> notFound(id))));
  }

  @Put("/api/alerts/{id}")
  @ProducesJson
  public DataDto<AlertDto> update(@Param("id") String id, AggregatedHttpRequest request) {
    AlertRule rule = rule(ApiJson.read(request, AlertInput.class));
    return new DataDto<>(AlertDto.of(alerts.update(id(id), rule).orElseThrow(() -> notFound(id))));
  }

  @Delete("/api/alerts/{id}")
  public HttpResponse delete(@Param("id") String id) {
    if (!alerts.delete(id(id))) {
      throw notFound(id);
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  @Get("/api/alerts/{id}/events")
  @ProducesJson
  public DataDto<List<EventDto>> events(@Param("id") String id, ServiceRequestContext ctx) {
    long rule = id(id);
    alerts.find(rule).orElseThrow(() -> notFound(id));
    return new DataDto<>(alerts.events(rule, 100).stream().map(EventDto::of).toList());
  }

  /** Evaluates every enabled rule now (as the schedule would) and answers their states. */
  @Post("/api/alerts/evaluate")
  @ProducesJson
  public DataDto<List<AlertDto>> evaluate() {
    return new DataDto<>(evaluator.evaluateNow().stream().map(AlertDto::of).toList());
  }

  private AlertRule rule(AlertInput in) {
    if (in.filter() != null && !in.filter().isBlank()) {
      SpanFilters.parse(queries, Scope.SPAN, in.filter());
    }
    // A misspelt project would never see a span: an "above" rule would never fire, a "below" one at once.
    if (in.project() != null && !in.project().isBlank() && queries.project(in.project().strip()).isEmpty()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "project not found: " + in.project()
          + " (create it first, or send it a span)");
    }
    AlertRule rule;
    try {
      rule = new AlertRule(null, in.name(), in.project() == null ? null : in.project().strip(), in.filter(),
          choice(AlertRule.Metric.class, "metric", ApiJson.required(in.metric(), "metric")),
          ApiJson.required(in.windowSeconds(), "window_seconds"),
          choice(AlertRule.Comparison.class, "comparison", in.comparison() == null ? "above" : in.comparison()),
          ApiJson.required(in.threshold(), "threshold"), in.webhookUrl(),
          in.webhookFormat() == null ? null : choice(AlertRule.WebhookFormat.class, "webhook_format", in.webhookFormat()),
          in.enabled() == null || in.enabled());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
    // Where it points, once it is a well-formed URL.
    String refusal = rule.webhookUrl() == null ? null : webhooks.refusal(rule.webhookUrl());
    if (refusal != null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, refusal);
    }
    return rule;
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, field + " must be one of "
          + java.util.Arrays.stream(type.getEnumConstants()).map(AlertsApi::lower).toList() + ": " + value);
    }
  }

  private static long id(String id) {
    return NumericIds.parse(id, "Alert rule");
  }

  private static ApiException notFound(String id) {
    return NumericIds.notFound(id, "Alert rule");
  }
}

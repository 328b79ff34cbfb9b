package dev.arbor.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Posts a rule's change of state to its webhook: generic JSON, or a Slack-compatible {@code {"text": …}}. One
 * retry after a second; each attempt times out after 5 s. Says what happened rather than throwing.
 */
final class WebhookNotifier implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String baseUrl;
  private final WebhookTargets targets;

  WebhookNotifier(String baseUrl, WebhookTargets targets) {
    this.baseUrl = baseUrl;
    this.targets = targets;
  }

  /** {@code sent}, {@code failed: …} or {@code no webhook}. */
  String notify(AlertRule rule, AlertState state, Double value, Instant at) {
    if (rule.webhookUrl() == null) {
      return "no webhook";
    }
    // Checked again now: the name may resolve elsewhere than when the rule was saved.
    String refusal = targets.refusal(rule.webhookUrl());
    if (refusal != null) {
      return "refused: " + refusal;
    }
    String body = rule.webhookFormat() == AlertRule.WebhookFormat.SLACK ? slack(rule, state, value)
        : generic(rule, state, value, at);
    String failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(rule.webhookUrl()))
            .timeout(TIMEOUT).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return "sent";
        }
        failure = "HTTP " + response.statusCode();
      } catch (IOException e) {
        failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "failed: interrupted";
      }
      sleep();
    }
    return "failed: " + failure;
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    http.close();
  }

  String link(AlertRule rule) {
    String query = rule.filter() == null ? "" : "?filter=" + java.net.URLEncoder.encode(rule.filter(),
        java.nio.charset.StandardCharsets.UTF_8);
    return baseUrl + "/projects/" + java.net.URLEncoder.encode(rule.project(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20") + "/dashboard" + query;
  }

  private String generic(AlertRule rule, AlertState state, Double value, Instant at) {
    ObjectNode root = JSON.createObjectNode();
    root.put("state", state == AlertState.FIRING ? "firing" : "resolved");
    root.put("value", value);
    root.put("at", at.toString());
    root.put("link", link(rule));
    ObjectNode r = root.putObject("rule");
    r.put("id", rule.id());
    r.put("name", rule.name());
    r.put("project", rule.project());
    r.put("filter", rule.filter());
    r.put("metric", rule.metric().name().toLowerCase(Locale.ROOT));
    r.put("window_seconds", rule.windowSeconds());
    r.put("comparison", rule.comparison().name().toLowerCase(Locale.ROOT));
    r.put("threshold", rule.threshold());
    return root.toString();
  }

  private String slack(AlertRule rule, AlertState state, Double value) {
    String text = (state == AlertState.FIRING ? ":rotating_light: *" : ":white_check_mark: *") + rule.name() + "* "
        + (state == AlertState.FIRING ? "is firing" : "resolved") + ": " + describe(rule, value) + " in project "
        + rule.project() + ". <" + link(rule) + "|Open the dashboard>";
    return JSON.createObjectNode().put("text", text).toString();
  }

  /** "error rate 0.31 (above 0.2) over the last 5 min". */
  static String describe(AlertRule rule, Double value) {
    String metric = rule.metric().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return metric + " " + (value == null ? "–" : number(value)) + " ("
        + rule.comparison().name().toLowerCase(Locale.ROOT) + " " + number(rule.threshold()) + ") over the last "
        + window(rule.windowSeconds());
  }

  /** Four significant digits at most, without trailing zeros: 0.6667, 0.3, 12. */
  private static String number(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }

  private static String window(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + " d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}

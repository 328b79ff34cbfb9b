package dev.arbor.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatusClass;
import com.linecorp.armeria.common.IpAddressRejectedException;
import com.linecorp.armeria.common.MediaType;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Posts a rule's change of state to its webhook: generic JSON, or a Slack-compatible {@code {"text": …}}. One
 * retry after a second; each attempt times out after 5 s. Says what happened rather than throwing. Connections go
 * only to addresses {@link WebhookTargets#allows} allows, checked on the address connected to (not on an earlier
 * lookup of the name), and redirects are not followed.
 */
final class WebhookNotifier implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ClientFactory factory;
  private final WebClient http;
  private final String baseUrl;
  private final WebhookTargets targets;

  WebhookNotifier(String baseUrl, WebhookTargets targets) {
    this.baseUrl = baseUrl;
    this.targets = targets;
    this.factory = ClientFactory.builder().connectTimeout(TIMEOUT)
        .ipAddressFilter(address -> targets.allows(address.getAddress())).build();
    this.http = WebClient.builder().factory(factory).responseTimeout(TIMEOUT).build();
  }

  /** {@code sent}, {@code failed: …} or {@code no webhook}. */
  String notify(AlertRule rule, AlertState state, Double value, Instant at) {
    if (rule.webhookUrl() == null) {
      return "no webhook";
    }
    // Checked again now, for a clear answer when the name resolves somewhere refused; post() holds to it.
    String refusal = targets.refusal(rule.webhookUrl());
    if (refusal != null) {
      return "refused: " + refusal;
    }
    return post(rule.webhookUrl(), rule.webhookFormat() == AlertRule.WebhookFormat.SLACK ? slack(rule, state, value)
        : generic(rule, state, value, at));
  }

  /**
   * Posts {@code body} to {@code url}, twice at most: {@code sent}, {@code failed: …}, or {@code refused: …} when
   * the name led to an address webhooks may not go to.
   */
  String post(String url, String body) {
    String failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        AggregatedHttpResponse response = http.prepare().post(url).content(MediaType.JSON_UTF_8, body).execute()
            .aggregate().join();
        if (response.status().codeClass() == HttpStatusClass.SUCCESS) {
          return "sent";
        }
        failure = "HTTP " + response.status().code();
      } catch (RuntimeException e) {
        if (rootCause(e) instanceof IpAddressRejectedException rejected) {
          return "refused: webhook_url led to an address webhooks may not go to (" + rejected.getMessage() + ")";
        }
        failure = describe(e);
      }
      if (!sleep()) {
        return "failed: interrupted";
      }
    }
    return "failed: " + failure;
  }

  /** The innermost cause of a failed request, by class and message. */
  private static String describe(Throwable e) {
    Throwable cause = rootCause(e);
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean sleep() {
    try {
      Thread.sleep(1000);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    factory.close();
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

package dev.arbor.store;

import java.net.URI;
import java.util.Objects;

/**
 * A rule that watches one figure of a project's recent spans: {@code metric} over the last {@code windowSeconds}
 * of the spans a filter selects (all when {@code filter} is null), compared with {@code threshold}. When the
 * comparison holds the rule fires; when it stops holding it resolves; each change is posted to
 * {@code webhookUrl} (optional) as generic JSON or as a Slack message. {@code id} is the store's (null before).
 *
 * <p>Example: error rate above 0.2 over the last 5 minutes of {@code span_kind == 'LLM'} in project tickets.
 */
public record AlertRule(Long id, String name, String project, String filter, Metric metric, long windowSeconds,
    Comparison comparison, double threshold, String webhookUrl, WebhookFormat webhookFormat, boolean enabled) {

  /** What a rule watches; cost is in US dollars, latency in milliseconds. */
  public enum Metric { ERROR_RATE, LATENCY_P95_MS, COST_USD, TOKENS, SPAN_COUNT }

  public enum Comparison { ABOVE, BELOW }

  public enum WebhookFormat { JSON, SLACK }

  public static final long MIN_WINDOW_SECONDS = 60;
  public static final long MAX_WINDOW_SECONDS = 31L * 86_400;

  public AlertRule {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("project is required");
    }
    Objects.requireNonNull(metric, "metric is required");
    Objects.requireNonNull(comparison, "comparison is required");
    if (windowSeconds < MIN_WINDOW_SECONDS || windowSeconds > MAX_WINDOW_SECONDS) {
      throw new IllegalArgumentException("window_seconds must be between " + MIN_WINDOW_SECONDS + " and "
          + MAX_WINDOW_SECONDS + ": " + windowSeconds);
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a number");
    }
    filter = filter == null || filter.isBlank() ? null : filter;
    webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl.strip();
    if (webhookUrl != null) {
      URI uri;
      try {
        uri = URI.create(webhookUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("webhook_url is not a URL: " + webhookUrl);
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("webhook_url must be an http or https URL: " + webhookUrl);
      }
    }
    webhookFormat = webhookFormat == null ? WebhookFormat.JSON : webhookFormat;
  }

  public AlertRule withId(long newId) {
    return new AlertRule(newId, name, project, filter, metric, windowSeconds, comparison, threshold, webhookUrl,
        webhookFormat, enabled);
  }

  /** Whether {@code value} breaks the rule; no value (no spans to take a percentile of) never does. */
  public boolean breached(Double value) {
    return value != null && (comparison == Comparison.ABOVE ? value > threshold : value < threshold);
  }
}

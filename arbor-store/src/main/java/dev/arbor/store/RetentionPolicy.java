package dev.arbor.store;

/**
 * How long a project keeps its spans: those that started more than {@code maxAgeDays} days ago go, and only the
 * newest {@code maxSpans} stay; either may be null (no limit of that kind), not both.
 *
 * <p>Example: {@code new RetentionPolicy("support-bot", 30, null)}: a month of spans.
 */
public record RetentionPolicy(String project, Integer maxAgeDays, Long maxSpans) {
  public RetentionPolicy {
    if (project == null || project.isBlank()) {
      throw new IllegalArgumentException("project must be set");
    }
    if (maxAgeDays == null && maxSpans == null) {
      throw new IllegalArgumentException("max_age_days or max_spans must be set");
    }
    if (maxAgeDays != null && (maxAgeDays < 1 || maxAgeDays > 36_500)) {
      throw new IllegalArgumentException("max_age_days must be between 1 and 36500: " + maxAgeDays);
    }
    if (maxSpans != null && maxSpans < 1) {
      throw new IllegalArgumentException("max_spans must be at least 1: " + maxSpans);
    }
  }
}

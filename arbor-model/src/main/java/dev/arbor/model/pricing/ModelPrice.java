package dev.arbor.model.pricing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The price of the models whose name matches {@code pattern}, a regular expression that must match the whole
 * name (case-insensitive), so {@code gpt-4o} never prices {@code gpt-4o-mini}; without one, see
 * {@link #defaultPattern}. {@code provider} (canonical,
 * see {@link Providers}) limits it to spans of that provider, or of none; {@code null} matches any.
 * {@code project} limits it to one project; {@code null} is global. {@code id} is the store's for custom
 * prices, {@code null} for bundled and file ones. {@code pricesAsOf} is when the prices were last checked.
 */
public record ModelPrice(Long id, String project, String provider, String name, String pattern,
    TokenPrices prices, PriceSource source, LocalDate pricesAsOf) {
  public ModelPrice {
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(source, "source");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (pattern == null || pattern.isBlank()) {
      pattern = defaultPattern(name);
    }
    compile(pattern);
    provider = Providers.canonical(provider);
    project = project == null || project.isBlank() ? null : project;
  }

  /**
   * Without a pattern, a price matches its name and that name's dated snapshots, as providers name them:
   * {@code gpt-4o-mini} also prices {@code gpt-4o-mini-2024-07-18}, {@code claude-x} {@code claude-x-20250929}
   * and {@code claude-x-latest}, and nothing else.
   */
  static String defaultPattern(String name) {
    return Pattern.quote(name.strip()) + "(?:-\\d{4}-\\d{2}-\\d{2}|-\\d{8}|-latest)?";
  }

  /** Longest pattern accepted. */
  static final int MAX_PATTERN = 500;

  /**
   * The compiled pattern (RE2 syntax: Java's without back-references and look-arounds); fails naming the field
   * when it is not a valid regular expression.
   */
  static Pattern compile(String pattern) {
    if (pattern.length() > MAX_PATTERN) {
      throw new IllegalArgumentException("pattern must be at most " + MAX_PATTERN + " characters");
    }
    dev.arbor.model.Re2Patterns.checkRepetition(pattern);
    try {
      return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern is not a valid regular expression: " + e.getDescription()
          + " in " + pattern);
    }
  }

  public ModelPrice withId(Long newId) {
    return new ModelPrice(newId, project, provider, name, pattern, prices, source, pricesAsOf);
  }
}

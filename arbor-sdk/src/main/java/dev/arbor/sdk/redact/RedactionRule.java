package dev.arbor.sdk.redact;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern whose matches are replaced by {@code [REDACTED:<kind>]} in every text attribute before a span leaves
 * the application. The built-in kinds are {@link #EMAIL}, {@link #PHONE} and {@link #API_KEY}.
 */
public final class RedactionRule {
  /** E-mail addresses. */
  public static final RedactionRule EMAIL =
      new RedactionRule("email", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));

  /**
   * Phone numbers written with separators or a country code: {@code +1 415-555-0132}, {@code (415) 555-0132},
   * {@code +44 20 7946 0958}, {@code 0151 123 4567}. Runs of bare digits (ticket ids, amounts) and dates are left
   * alone.
   */
  public static final RedactionRule PHONE = new RedactionRule("phone", Pattern.compile(
      "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,5}\\)[ .-]?|\\d{2,5}[ .-])\\d{3,4}[ .-]?\\d{3,4}(?![\\w-])"));

  /**
   * API keys and bearer tokens in the shapes providers issue them: OpenAI/Anthropic/Langfuse ({@code sk-…},
   * {@code pk-lf-…}), AWS access keys, Google API keys, GitHub and Slack tokens, JWTs, and {@code Bearer …}.
   */
  public static final RedactionRule API_KEY = new RedactionRule("api_key", Pattern.compile(
      "\\b(?:sk|pk)-[A-Za-z0-9_-]{16,}"
          + "|\\bAKIA[0-9A-Z]{16}\\b"
          + "|\\bAIza[0-9A-Za-z_-]{35}"
          + "|\\bgh[pousr]_[A-Za-z0-9]{36,}"
          + "|\\bxox[abprs]-[A-Za-z0-9-]{10,}"
          + "|\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
          + "|(?i:bearer)\\s+[A-Za-z0-9._~+/-]{16,}=*"));

  private final String kind;
  private final Pattern pattern;
  private final String replacement;

  private RedactionRule(String kind, Pattern pattern) {
    this.kind = kind;
    this.pattern = pattern;
    this.replacement = Matcher.quoteReplacement("[REDACTED:" + kind + "]");
  }

  /**
   * A rule of your own: {@code RedactionRule.of("ticket_customer", "CUST-\\d{6}")}.
   *
   * @throws IllegalArgumentException when the kind is blank or the pattern does not compile
   */
  public static RedactionRule of(String kind, String regex) {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("redaction rule kind must not be blank");
    }
    Objects.requireNonNull(regex, "regex");
    try {
      return new RedactionRule(kind, Pattern.compile(regex));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("redaction rule '" + kind + "' has an invalid pattern: " + e.getMessage(), e);
    }
  }

  /** A built-in rule by name: {@code email}, {@code phone} or {@code api_key}. */
  public static RedactionRule builtIn(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "email":
        return EMAIL;
      case "phone":
        return PHONE;
      case "api_key":
      case "api_keys":
        return API_KEY;
      default:
        throw new IllegalArgumentException("unknown redaction rule '" + name.trim()
            + "' (built in: email, phone, api_key)");
    }
  }

  public String kind() {
    return kind;
  }

  /** {@code text} with every match replaced; the same instance when nothing matched. */
  public String apply(String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.replaceAll(replacement) : text;
  }

  @Override
  public String toString() {
    return kind;
  }
}

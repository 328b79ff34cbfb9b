package dev.arbor.model.redaction;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/**
 * One redaction rule. A built-in rule names its {@link Detector} ({@code email}, {@code phone},
 * {@code credit_card}, {@code iban}, {@code api_key}) and has no pattern; a custom rule has a name of its own and an
 * RE2 pattern. Matches become {@code [REDACTED:<name>]}. {@code project} null applies the rule to every project;
 * {@code attributes} are the attribute keys it reads, {@code *} matching any run of characters
 * ({@code llm.input_messages.*}); empty means {@link #DEFAULT_ATTRIBUTES}.
 *
 * <p>Example: {@code RedactionRule.custom("customer_id", "CUST-\\d{6}", "tickets", List.of())}.
 *
 * @throws IllegalArgumentException naming the field when a part is invalid
 */
public record RedactionRule(long id, String name, String pattern, String project, List<String> attributes,
    RuleSource source) {

  /** Input and output values and messages, in every convention Arbor reads. */
  public static final List<String> DEFAULT_ATTRIBUTES = List.of("input.value", "output.value",
      "llm.input_messages.*", "llm.output_messages.*", "llm.prompts.*", "gen_ai.input.messages",
      "gen_ai.input.messages.*", "gen_ai.output.messages", "gen_ai.output.messages.*", "gen_ai.system_instructions",
      "gen_ai.system_instructions.*", "gen_ai.prompt", "gen_ai.prompt.*", "gen_ai.completion",
      "gen_ai.completion.*", "gen_ai.tool.call.arguments", "gen_ai.tool.call.result", "langfuse.observation.input",
      "langfuse.observation.output", "langfuse.trace.input", "langfuse.trace.output");

  static final int MAX_PATTERN_CHARS = 500;
  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9_]{1,40}");

  public RedactionRule {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1 to 40 lower-case letters, digits or _: " + name);
    }
    if (pattern == null || pattern.isBlank()) {
      pattern = null;
      if (Detector.byKind(name) == null) {
        throw new IllegalArgumentException("a rule without a pattern must name a built-in detector"
            + " (email, phone, credit_card, iban, api_key): " + name);
      }
    } else {
      if (pattern.length() > MAX_PATTERN_CHARS) {
        throw new IllegalArgumentException("pattern must be at most " + MAX_PATTERN_CHARS + " characters");
      }
      dev.arbor.model.Re2Patterns.checkRepetition(pattern);
      try {
        if (Pattern.compile(pattern).matcher("").matches()) {
          throw new IllegalArgumentException("pattern must not match empty text: " + pattern);
        }
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("pattern is not a valid RE2 expression: " + e.getMessage(), e);
      }
    }
    if (project != null && project.isBlank()) {
      project = null;
    }
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    for (String selector : attributes) {
      if (selector.isBlank() || selector.length() > 200) {
        throw new IllegalArgumentException("each attribute must be a key or a pattern with *, 1 to 200 characters");
      }
    }
    if (source == null) {
      throw new IllegalArgumentException("source must be set");
    }
  }

  /** A built-in detector's rule, for every project and the default attributes. */
  public static RedactionRule builtIn(Detector detector) {
    return new RedactionRule(0, detector.kind(), null, null, List.of(), RuleSource.API);
  }

  public static RedactionRule custom(String name, String pattern, String project, List<String> attributes) {
    return new RedactionRule(0, name, pattern, project, attributes, RuleSource.API);
  }

  public RedactionRule withId(long newId) {
    return new RedactionRule(newId, name, pattern, project, attributes, source);
  }

  public RedactionRule withSource(RuleSource newSource) {
    return new RedactionRule(id, name, pattern, project, attributes, newSource);
  }

  /** The attribute selectors in force: the rule's own, or the defaults. */
  public List<String> effectiveAttributes() {
    return attributes.isEmpty() ? DEFAULT_ATTRIBUTES : attributes;
  }
}

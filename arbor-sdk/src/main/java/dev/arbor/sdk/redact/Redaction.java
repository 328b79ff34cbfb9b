package dev.arbor.sdk.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to keep out of exported spans: OpenInference's hide settings (Phoenix's {@code OPENINFERENCE_HIDE_*}
 * variables, same names and meanings) and pattern rules for personal data and secrets. Applied on the export
 * thread, to every destination, before a span leaves the process.
 *
 * <pre>{@code
 * Redaction.builder().setHideInputs(true).addRule(RedactionRule.EMAIL).addRule(RedactionRule.API_KEY).build()
 * }</pre>
 */
public final class Redaction {
  /** What hidden values are replaced with, as OpenInference's instrumentations write it. */
  public static final String REDACTED = "__REDACTED__";
  public static final int DEFAULT_BASE64_IMAGE_MAX_LENGTH = 32_000;
  private static final Redaction NONE = builder().build();

  final boolean hideInputs;
  final boolean hideOutputs;
  final boolean hideInputMessages;
  final boolean hideOutputMessages;
  final boolean hideInputImages;
  final boolean hideInputText;
  final boolean hideOutputText;
  final boolean hideEmbeddingVectors;
  final boolean hideInvocationParameters;
  final boolean hidePrompts;
  final int base64ImageMaxLength;
  final List<RedactionRule> rules;

  private Redaction(Builder b) {
    this.hideInputs = b.hideInputs;
    this.hideOutputs = b.hideOutputs;
    this.hideInputMessages = b.hideInputMessages;
    this.hideOutputMessages = b.hideOutputMessages;
    this.hideInputImages = b.hideInputImages;
    this.hideInputText = b.hideInputText;
    this.hideOutputText = b.hideOutputText;
    this.hideEmbeddingVectors = b.hideEmbeddingVectors;
    this.hideInvocationParameters = b.hideInvocationParameters;
    this.hidePrompts = b.hidePrompts;
    this.base64ImageMaxLength = b.base64ImageMaxLength;
    this.rules = List.copyOf(b.rules);
  }

  public static Redaction none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code OPENINFERENCE_HIDE_INPUTS}, {@code _OUTPUTS}, {@code _INPUT_MESSAGES}, {@code _OUTPUT_MESSAGES},
   * {@code _INPUT_IMAGES}, {@code _INPUT_TEXT}, {@code _OUTPUT_TEXT}, {@code _EMBEDDING_VECTORS},
   * {@code _LLM_INVOCATION_PARAMETERS}, {@code _PROMPTS} (or {@code _LLM_PROMPTS}),
   * {@code OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH} and
   * {@code ARBOR_REDACT} (a comma-separated list of built-in rules: {@code email,phone,api_key}).
   *
   * @throws IllegalArgumentException naming the variable when a value cannot be read
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = builder()
        .setHideInputs(flag(env, "OPENINFERENCE_HIDE_INPUTS"))
        .setHideOutputs(flag(env, "OPENINFERENCE_HIDE_OUTPUTS"))
        .setHideInputMessages(flag(env, "OPENINFERENCE_HIDE_INPUT_MESSAGES"))
        .setHideOutputMessages(flag(env, "OPENINFERENCE_HIDE_OUTPUT_MESSAGES"))
        .setHideInputImages(flag(env, "OPENINFERENCE_HIDE_INPUT_IMAGES"))
        .setHideInputText(flag(env, "OPENINFERENCE_HIDE_INPUT_TEXT"))
        .setHideOutputText(flag(env, "OPENINFERENCE_HIDE_OUTPUT_TEXT"))
        .setHideEmbeddingVectors(flag(env, "OPENINFERENCE_HIDE_EMBEDDING_VECTORS"))
        .setHideLlmInvocationParameters(flag(env, "OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS"))
        .setHidePrompts(flag(env, "OPENINFERENCE_HIDE_PROMPTS") || flag(env, "OPENINFERENCE_HIDE_LLM_PROMPTS"));
    String maxImage = env.get("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH");
    if (maxImage != null && !maxImage.isBlank()) {
      try {
        b.setBase64ImageMaxLength(Integer.parseInt(maxImage.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH must be a whole number: "
            + maxImage, e);
      }
    }
    String rules = env.get("ARBOR_REDACT");
    if (rules != null) {
      for (String name : rules.split(",")) {
        if (!name.isBlank()) {
          try {
            b.addRule(RedactionRule.builtIn(name));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ARBOR_REDACT: " + e.getMessage(), e);
          }
        }
      }
    }
    return b;
  }

  private static boolean flag(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return false;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw new IllegalArgumentException(name + " must be true or false: " + value);
    }
  }

  /**
   * These settings and {@code other}'s together: whatever either hides is hidden, the shorter image limit holds,
   * and both sets of rules apply. Settings made in code are merged with the environment's this way, so an
   * operator's {@code OPENINFERENCE_HIDE_*} can add to what the application hides but never be undone by it.
   */
  public Redaction mergedWith(Redaction other) {
    Builder b = builder()
        .setHideInputs(hideInputs || other.hideInputs)
        .setHideOutputs(hideOutputs || other.hideOutputs)
        .setHideInputMessages(hideInputMessages || other.hideInputMessages)
        .setHideOutputMessages(hideOutputMessages || other.hideOutputMessages)
        .setHideInputImages(hideInputImages || other.hideInputImages)
        .setHideInputText(hideInputText || other.hideInputText)
        .setHideOutputText(hideOutputText || other.hideOutputText)
        .setHideEmbeddingVectors(hideEmbeddingVectors || other.hideEmbeddingVectors)
        .setHideLlmInvocationParameters(hideInvocationParameters || other.hideInvocationParameters)
        .setHidePrompts(hidePrompts || other.hidePrompts)
        .setBase64ImageMaxLength(Math.min(base64ImageMaxLength, other.base64ImageMaxLength));
    rules.forEach(b::addRule);
    other.rules.forEach(b::addRule);
    return b.build();
  }

  public List<RedactionRule> rules() {
    return rules;
  }

  /** The settings, changed by a builder; every setter has the meaning of the variable of the same name. */
  public static final class Builder {
    private boolean hideInputs;
    private boolean hideOutputs;
    private boolean hideInputMessages;
    private boolean hideOutputMessages;
    private boolean hideInputImages;
    private boolean hideInputText;
    private boolean hideOutputText;
    private boolean hideEmbeddingVectors;
    private boolean hideInvocationParameters;
    private boolean hidePrompts;
    private int base64ImageMaxLength = DEFAULT_BASE64_IMAGE_MAX_LENGTH;
    private final List<RedactionRule> rules = new ArrayList<>();

    /** Hides {@code input.value}, every input message and embedded texts. */
    public Builder setHideInputs(boolean value) {
      hideInputs = value;
      return this;
    }

    /** Hides {@code output.value}, every output message and the content of retrieved documents (the output of retrievers). */
    public Builder setHideOutputs(boolean value) {
      hideOutputs = value;
      return this;
    }

    public Builder setHideInputMessages(boolean value) {
      hideInputMessages = value;
      return this;
    }

    public Builder setHideOutputMessages(boolean value) {
      hideOutputMessages = value;
      return this;
    }

    public Builder setHideInputImages(boolean value) {
      hideInputImages = value;
      return this;
    }

    /** Replaces the text of input messages (and embedded texts) with {@link #REDACTED}, keeping roles. */
    public Builder setHideInputText(boolean value) {
      hideInputText = value;
      return this;
    }

    public Builder setHideOutputText(boolean value) {
      hideOutputText = value;
      return this;
    }

    public Builder setHideEmbeddingVectors(boolean value) {
      hideEmbeddingVectors = value;
      return this;
    }

    public Builder setHideLlmInvocationParameters(boolean value) {
      hideInvocationParameters = value;
      return this;
    }

    /** Drops the prompts of completion-style (non-chat) calls, {@code llm.prompts.*}. */
    public Builder setHidePrompts(boolean value) {
      hidePrompts = value;
      return this;
    }

    /** Base64 ({@code data:image/…;base64,}) images longer than this are replaced with {@link #REDACTED}. */
    public Builder setBase64ImageMaxLength(int chars) {
      if (chars < 0) {
        throw new IllegalArgumentException("base64 image max length must not be negative: " + chars);
      }
      base64ImageMaxLength = chars;
      return this;
    }

    public Builder addRule(RedactionRule rule) {
      if (rule != null && !rules.contains(rule)) rules.add(rule);
      return this;
    }

    public Redaction build() {
      return new Redaction(this);
    }
  }
}

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
   * {@code _LLM_INVOCATION_PARAMETERS}, {@code OPENINFERENCE_BASE64_IMAGE_MAX_LENGTH} and
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
        .setHideLlmInvocationParameters(flag(env, "OPENINFERENCE_HIDE_LLM_INVOCATION_PARAMETERS"));
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

  /** True when this redaction changes nothing, so exports skip it entirely. */
  public boolean isNone() {
    return !hideInputs && !hideOutputs && !hideInputMessages && !hideOutputMessages && !hideInputImages
        && !hideInputText && !hideOutputText && !hideEmbeddingVectors && !hideInvocationParameters
        && base64ImageMaxLength == DEFAULT_BASE64_IMAGE_MAX_LENGTH && rules.isEmpty();
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
    private int base64ImageMaxLength = DEFAULT_BASE64_IMAGE_MAX_LENGTH;
    private final List<RedactionRule> rules = new ArrayList<>();

    /** Hides {@code input.value}, every input message and embedded texts. */
    public Builder setHideInputs(boolean value) {
      hideInputs = value;
      return this;
    }

    /** Hides {@code output.value}, every output message and retrieved documents' content. */
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

    /** Base64 ({@code data:}) images longer than this are replaced with {@link #REDACTED}. */
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

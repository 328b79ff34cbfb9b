package dev.arbor.model;

import java.util.List;

/**
 * The canonical fields that filters, costs and the UI read, derived once from whichever convention the
 * span was written in (OpenInference, OpenTelemetry GenAI, Langfuse). Absent values are {@code null} or
 * empty lists; {@code metadata} and {@code invocationParameters} are JSON text.
 */
public record LlmFields(
    SpanKind spanKind,
    String modelName,
    String provider,
    TokenCounts tokens,
    String inputValue,
    String inputMimeType,
    String outputValue,
    String outputMimeType,
    List<Message> inputMessages,
    List<Message> outputMessages,
    List<Document> documents,
    String sessionId,
    String userId,
    String metadata,
    List<String> tags,
    String invocationParameters) {

  public static final LlmFields NONE = builder().build();

  public LlmFields {
    spanKind = spanKind == null ? SpanKind.UNKNOWN : spanKind;
    tokens = tokens == null ? TokenCounts.NONE : tokens;
    inputMessages = inputMessages == null ? List.of() : List.copyOf(inputMessages);
    outputMessages = outputMessages == null ? List.of() : List.copyOf(outputMessages);
    documents = documents == null ? List.of() : List.copyOf(documents);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public LlmFields withTokens(TokenCounts v) {
    return new LlmFields(spanKind, modelName, provider, v, inputValue, inputMimeType, outputValue, outputMimeType,
        inputMessages, outputMessages, documents, sessionId, userId, metadata, tags, invocationParameters);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Collects fields from several conventions: every {@code …IfAbsent} setter keeps the first non-empty
   * value it is given, so the convention applied first wins.
   */
  public static final class Builder {
    private SpanKind spanKind;
    private String modelName;
    private String provider;
    private TokenCounts tokens = TokenCounts.NONE;
    private String inputValue;
    private String inputMimeType;
    private String outputValue;
    private String outputMimeType;
    private List<Message> inputMessages = List.of();
    private List<Message> outputMessages = List.of();
    private List<Document> documents = List.of();
    private String sessionId;
    private String userId;
    private String metadata;
    private List<String> tags = List.of();
    private String invocationParameters;

    private Builder() {}

    private static boolean blank(String s) {
      return s == null || s.isEmpty();
    }

    public Builder spanKindIfAbsent(SpanKind v) {
      if (spanKind == null && v != null && v != SpanKind.UNKNOWN) spanKind = v;
      return this;
    }

    public Builder modelNameIfAbsent(String v) {
      if (blank(modelName) && !blank(v)) modelName = v;
      return this;
    }

    public Builder providerIfAbsent(String v) {
      if (blank(provider) && !blank(v)) provider = v;
      return this;
    }

    public Builder tokensIfAbsent(TokenCounts v) {
      if (v != null) tokens = tokens.orElse(v);
      return this;
    }

    public Builder inputIfAbsent(String value, String mimeType) {
      if (blank(inputValue) && !blank(value)) {
        inputValue = value;
        inputMimeType = mimeType;
      }
      return this;
    }

    public Builder outputIfAbsent(String value, String mimeType) {
      if (blank(outputValue) && !blank(value)) {
        outputValue = value;
        outputMimeType = mimeType;
      }
      return this;
    }

    public Builder inputMessagesIfAbsent(List<Message> v) {
      if (inputMessages.isEmpty() && v != null) inputMessages = v;
      return this;
    }

    public Builder outputMessagesIfAbsent(List<Message> v) {
      if (outputMessages.isEmpty() && v != null) outputMessages = v;
      return this;
    }

    public Builder documentsIfAbsent(List<Document> v) {
      if (documents.isEmpty() && v != null) documents = v;
      return this;
    }

    public Builder sessionIdIfAbsent(String v) {
      if (blank(sessionId) && !blank(v)) sessionId = v;
      return this;
    }

    public Builder userIdIfAbsent(String v) {
      if (blank(userId) && !blank(v)) userId = v;
      return this;
    }

    public Builder metadataIfAbsent(String v) {
      if (blank(metadata) && !blank(v)) metadata = v;
      return this;
    }

    public Builder tagsIfAbsent(List<String> v) {
      if (tags.isEmpty() && v != null) tags = v;
      return this;
    }

    public Builder invocationParametersIfAbsent(String v) {
      if (blank(invocationParameters) && !blank(v)) invocationParameters = v;
      return this;
    }

    public LlmFields build() {
      return new LlmFields(spanKind, modelName, provider, tokens, inputValue, inputMimeType, outputValue,
          outputMimeType, inputMessages, outputMessages, documents, sessionId, userId, metadata, tags,
          invocationParameters);
    }
  }
}

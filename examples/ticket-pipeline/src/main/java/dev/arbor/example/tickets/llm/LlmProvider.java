package dev.arbor.example.tickets.llm;

import java.util.Locale;
import java.util.Map;

/**
 * The three providers, with how OpenInference names each ({@code llm.provider}, {@code llm.system}) and the
 * environment variables that point at the real service. Without a key in the environment the example uses its
 * local fake of the service.
 */
public enum LlmProvider {
  GEMINI("google", "vertexai", "Gemini", "GEMINI_API_KEY", "GEMINI_BASE_URL", "GEMINI_MODEL",
      "https://generativelanguage.googleapis.com", "gemini-2.5-flash"),
  AZURE("azure", "openai", "Azure OpenAI", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_DEPLOYMENT",
      null, "gpt-4o"),
  ANTHROPIC("anthropic", "anthropic", "Anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "ANTHROPIC_MODEL",
      "https://api.anthropic.com", "claude-sonnet-4-5");

  final String openInferenceProvider;
  final String openInferenceSystem;
  final String displayName;
  final String keyVariable;
  final String urlVariable;
  final String modelVariable;
  final String defaultUrl;
  final String defaultModel;

  LlmProvider(String provider, String system, String displayName, String keyVariable, String urlVariable,
      String modelVariable, String defaultUrl, String defaultModel) {
    this.openInferenceProvider = provider;
    this.openInferenceSystem = system;
    this.displayName = displayName;
    this.keyVariable = keyVariable;
    this.urlVariable = urlVariable;
    this.modelVariable = modelVariable;
    this.defaultUrl = defaultUrl;
    this.defaultModel = defaultModel;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String displayName() {
    return displayName;
  }

  /** Whether the environment holds what a call to the real service needs. */
  public boolean configuredIn(Map<String, String> env) {
    return present(env, keyVariable) && (defaultUrl != null || present(env, urlVariable));
  }

  /** The real service as the environment describes it. */
  public LlmSettings settingsFrom(Map<String, String> env) {
    if (!configuredIn(env)) {
      throw new IllegalArgumentException(displayName + " needs " + keyVariable
          + (defaultUrl == null ? " and " + urlVariable : "") + " (or run with --offline)");
    }
    String url = present(env, urlVariable) ? env.get(urlVariable) : defaultUrl;
    String model = present(env, modelVariable) ? env.get(modelVariable) : defaultModel;
    String version = env.getOrDefault("AZURE_OPENAI_API_VERSION", "2024-10-21");
    return new LlmSettings(url, env.get(keyVariable), model, version);
  }

  /** A client speaking this provider's protocol. */
  public LlmClient client(LlmSettings settings, java.net.http.HttpClient http) {
    switch (this) {
      case GEMINI:
        return new GeminiClient(http, settings);
      case AZURE:
        return new AzureOpenAiClient(http, settings);
      case ANTHROPIC:
        return new AnthropicClient(http, settings);
      default:
        throw new IllegalStateException(name());
    }
  }

  public static LlmProvider parse(String value) {
    for (LlmProvider p : values()) {
      if (p.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("model provider must be gemini, azure or anthropic: " + value);
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }
}

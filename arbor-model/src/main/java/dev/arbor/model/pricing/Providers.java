package dev.arbor.model.pricing;

import java.util.Locale;
import java.util.Map;

/**
 * One name per provider, whichever convention reported it: OpenInference's {@code llm.provider} and
 * {@code llm.system}, GenAI's {@code gen_ai.provider.name} / {@code gen_ai.system}, and common spellings.
 */
public final class Providers {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("azure.ai.openai", "azure"), Map.entry("azure_openai", "azure"), Map.entry("azureopenai", "azure"),
      Map.entry("az.ai.openai", "azure"), Map.entry("azure.ai.inference", "azure"),
      Map.entry("gcp.gemini", "google"), Map.entry("gcp.vertex_ai", "google"), Map.entry("gcp.gen_ai", "google"),
      Map.entry("vertexai", "google"), Map.entry("vertex_ai", "google"), Map.entry("gemini", "google"),
      Map.entry("google_genai", "google"), Map.entry("googleai", "google"),
      Map.entry("aws.bedrock", "aws"), Map.entry("bedrock", "aws"), Map.entry("amazon", "aws"),
      Map.entry("mistral_ai", "mistral"), Map.entry("mistralai", "mistral"),
      Map.entry("x_ai", "xai"), Map.entry("grok", "xai"));

  private Providers() {}

  /** The canonical lower-case name, or {@code null} for a missing or blank one. */
  public static String canonical(String provider) {
    if (provider == null || provider.isBlank()) {
      return null;
    }
    String name = provider.trim().toLowerCase(Locale.ROOT);
    return ALIASES.getOrDefault(name, name);
  }
}

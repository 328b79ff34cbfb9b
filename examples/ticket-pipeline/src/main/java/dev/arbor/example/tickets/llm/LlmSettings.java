package dev.arbor.example.tickets.llm;

/** Where a provider is and how to call it. {@code apiVersion} is Azure's; the others ignore it. */
public record LlmSettings(String baseUrl, String apiKey, String model, String apiVersion) {
  public LlmSettings {
    baseUrl = baseUrl.replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "LlmSettings[" + baseUrl + ", model " + model + "]"; // never the key
  }
}

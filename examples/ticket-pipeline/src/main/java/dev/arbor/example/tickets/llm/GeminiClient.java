package dev.arbor.example.tickets.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** Google's Gemini API: {@code POST /v1beta/models/{model}:generateContent} with an {@code x-goog-api-key}. */
final class GeminiClient implements LlmClient {
  private final HttpClient http;
  private final LlmSettings settings;

  GeminiClient(HttpClient http, LlmSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public LlmAnswer complete(String system, String prompt) throws IOException, InterruptedException {
    Map<String, Object> body = Map.of(
        "systemInstruction", Map.of("parts", List.of(Map.of("text", system))),
        "contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", prompt)))),
        "generationConfig", Map.of("temperature", ProviderCall.TEMPERATURE,
            "maxOutputTokens", ProviderCall.MAX_TOKENS, "responseMimeType", "application/json"));
    JsonNode answer = ProviderCall.post(http,
        settings.baseUrl() + "/v1beta/models/" + settings.model() + ":generateContent",
        Map.of("x-goog-api-key", settings.apiKey()), body);
    StringBuilder text = new StringBuilder();
    for (JsonNode part : answer.path("candidates").path(0).path("content").path("parts")) {
      text.append(part.path("text").asText(""));
    }
    JsonNode usage = answer.path("usageMetadata");
    return new LlmAnswer(text.toString(), answer.path("modelVersion").asText(settings.model()),
        usage.path("promptTokenCount").asLong(), usage.path("candidatesTokenCount").asLong()
            + usage.path("thoughtsTokenCount").asLong());
  }

  @Override
  public String model() {
    return settings.model();
  }
}

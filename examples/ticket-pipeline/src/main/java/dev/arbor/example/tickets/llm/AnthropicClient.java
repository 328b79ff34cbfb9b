package dev.arbor.example.tickets.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API: {@code POST /v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
final class AnthropicClient implements LlmClient {
  static final String API_VERSION = "2023-06-01";
  private final HttpClient http;
  private final LlmSettings settings;

  AnthropicClient(HttpClient http, LlmSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public LlmAnswer complete(String system, String prompt) throws IOException, InterruptedException {
    Map<String, Object> body = Map.of(
        "model", settings.model(),
        "max_tokens", ProviderCall.MAX_TOKENS,
        "temperature", ProviderCall.TEMPERATURE,
        "system", system,
        "messages", List.of(Map.of("role", "user", "content", prompt)));
    JsonNode answer = ProviderCall.post(http, settings.baseUrl() + "/v1/messages",
        Map.of("x-api-key", settings.apiKey(), "anthropic-version", API_VERSION), body);
    StringBuilder text = new StringBuilder();
    for (JsonNode block : answer.path("content")) {
      if ("text".equals(block.path("type").asText())) {
        text.append(block.path("text").asText(""));
      }
    }
    JsonNode usage = answer.path("usage");
    return new LlmAnswer(text.toString(), answer.path("model").asText(settings.model()),
        usage.path("input_tokens").asLong() + usage.path("cache_read_input_tokens").asLong()
            + usage.path("cache_creation_input_tokens").asLong(),
        usage.path("output_tokens").asLong());
  }

  @Override
  public String model() {
    return settings.model();
  }
}

package dev.arbor.example.tickets.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * Azure OpenAI's chat completions: {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…}
 * with an {@code api-key} header. The model setting is the deployment's name.
 */
final class AzureOpenAiClient implements LlmClient {
  private final HttpClient http;
  private final LlmSettings settings;

  AzureOpenAiClient(HttpClient http, LlmSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  @Override
  public LlmAnswer complete(String system, String prompt) throws IOException, InterruptedException {
    Map<String, Object> body = Map.of(
        "messages", List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", prompt)),
        "temperature", ProviderCall.TEMPERATURE,
        "max_tokens", ProviderCall.MAX_TOKENS,
        "response_format", Map.of("type", "json_object"));
    JsonNode answer = ProviderCall.post(http, settings.baseUrl() + "/openai/deployments/" + settings.model()
        + "/chat/completions?api-version=" + settings.apiVersion(), Map.of("api-key", settings.apiKey()), body);
    JsonNode usage = answer.path("usage");
    return new LlmAnswer(answer.path("choices").path(0).path("message").path("content").asText(""),
        answer.path("model").asText(settings.model()), usage.path("prompt_tokens").asLong(),
        usage.path("completion_tokens").asLong());
  }

  @Override
  public String model() {
    return settings.model();
  }
}

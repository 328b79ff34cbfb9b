package dev.arbor.example.tickets.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** POSTs a JSON body and reads a JSON answer; a non-2xx answer is an {@link LlmCallException} with its body. */
final class ProviderCall {
  static final double TEMPERATURE = 0.3;
  static final int MAX_TOKENS = 2000;
  static final Map<String, Object> PARAMETERS = Map.of("temperature", TEMPERATURE, "max_tokens", MAX_TOKENS);
  static final ObjectMapper JSON = new ObjectMapper();

  private ProviderCall() {}

  static JsonNode post(HttpClient http, String url, Map<String, String> headers, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    headers.forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new LlmCallException(response.statusCode(), response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The provider refused or failed the call. */
  static final class LlmCallException extends IOException {
    private static final long serialVersionUID = 1L;

    LlmCallException(int status, String body) {
      super("the model provider answered " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body));
    }
  }
}

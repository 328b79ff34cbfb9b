package dev.arbor.example.tickets.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API, refusing calls without {@code x-api-key} or {@code anthropic-version}. */
final class FakeAnthropic extends FakeHttp {
  private final Duration latency;

  FakeAnthropic(Duration latency) {
    this.latency = latency;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/v1/messages") || !"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 404, error("not_found_error", "Not found"));
      return;
    }
    if (exchange.getRequestHeaders().getFirst("x-api-key") == null) {
      send(exchange, 401, error("authentication_error", "invalid x-api-key"));
      return;
    }
    if (exchange.getRequestHeaders().getFirst("anthropic-version") == null) {
      send(exchange, 400, error("invalid_request_error", "anthropic-version header is required"));
      return;
    }
    JsonNode body = body(exchange);
    String system = body.path("system").asText("");
    String prompt = body.path("messages").path(0).path("content").asText("");
    think(latency);
    String text = FakeAnswers.answer(system, prompt);
    String model = body.path("model").asText();
    send(exchange, 200, Map.of(
        "id", "msg_fake", "type", "message", "role", "assistant",
        "model", model.equals("claude-sonnet-4-5") ? "claude-sonnet-4-5-20250929" : model,
        "content", List.of(Map.of("type", "text", "text", text)),
        "stop_reason", "end_turn",
        "usage", Map.of("input_tokens", FakeAnswers.tokens(system + prompt), "output_tokens",
            FakeAnswers.tokens(text))));
  }

  private static Map<String, Object> error(String type, String message) {
    return Map.of("type", "error", "error", Map.of("type", type, "message", message));
  }
}

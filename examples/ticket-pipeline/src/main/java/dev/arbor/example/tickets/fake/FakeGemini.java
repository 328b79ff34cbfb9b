package dev.arbor.example.tickets.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Google's {@code generateContent}, as the Gemini API answers it, refusing calls without an API key. */
final class FakeGemini extends FakeHttp {
  private static final Pattern PATH = Pattern.compile("/v1beta/models/([^/:]+):generateContent");
  private final Duration latency;

  FakeGemini(Duration latency) {
    this.latency = latency;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    if (!m.matches() || !"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 404, Map.of("error", Map.of("code", 404, "message", "Not found", "status", "NOT_FOUND")));
      return;
    }
    if (exchange.getRequestHeaders().getFirst("x-goog-api-key") == null) {
      send(exchange, 401, Map.of("error", Map.of("code", 401, "message", "API key not valid",
          "status", "UNAUTHENTICATED")));
      return;
    }
    JsonNode body = body(exchange);
    String system = body.path("systemInstruction").path("parts").path(0).path("text").asText("");
    String prompt = body.path("contents").path(0).path("parts").path(0).path("text").asText("");
    think(latency);
    String text = FakeAnswers.answer(system, prompt);
    long in = FakeAnswers.tokens(system + prompt);
    long out = FakeAnswers.tokens(text);
    send(exchange, 200, Map.of(
        "candidates", List.of(Map.of("content", Map.of("role", "model", "parts", List.of(Map.of("text", text))),
            "finishReason", "STOP", "index", 0)),
        "usageMetadata", Map.of("promptTokenCount", in, "candidatesTokenCount", out, "totalTokenCount", in + out),
        "modelVersion", m.group(1)));
  }
}

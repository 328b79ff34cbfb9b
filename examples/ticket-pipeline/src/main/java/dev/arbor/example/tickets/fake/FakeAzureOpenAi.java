package dev.arbor.example.tickets.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure OpenAI's chat completions for a deployment, refusing calls without {@code api-key} or {@code api-version}.
 * A {@code gpt-4o} deployment answers as the dated model behind it, as Azure does.
 */
final class FakeAzureOpenAi extends FakeHttp {
  private static final Pattern PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
  private final Duration latency;

  FakeAzureOpenAi(Duration latency) {
    this.latency = latency;
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
    String query = exchange.getRequestURI().getQuery();
    if (!m.matches() || !"POST".equals(exchange.getRequestMethod())) {
      send(exchange, 404, Map.of("error", Map.of("code", "DeploymentNotFound", "message", "Not found")));
      return;
    }
    if (exchange.getRequestHeaders().getFirst("api-key") == null) {
      send(exchange, 401, Map.of("error", Map.of("code", "401", "message", "Access denied due to invalid key")));
      return;
    }
    if (query == null || !query.contains("api-version=")) {
      send(exchange, 404, Map.of("error", Map.of("code", "404", "message", "Resource not found")));
      return;
    }
    JsonNode body = body(exchange);
    String system = "";
    String prompt = "";
    for (JsonNode message : body.path("messages")) {
      if ("system".equals(message.path("role").asText())) system = message.path("content").asText("");
      if ("user".equals(message.path("role").asText())) prompt = message.path("content").asText("");
    }
    think(latency);
    String text = FakeAnswers.answer(system, prompt);
    long in = FakeAnswers.tokens(system + prompt);
    long out = FakeAnswers.tokens(text);
    String deployment = m.group(1);
    send(exchange, 200, Map.of(
        "id", "chatcmpl-fake", "object", "chat.completion", "created", System.currentTimeMillis() / 1000,
        "model", deployment.equals("gpt-4o") ? "gpt-4o-2024-11-20" : deployment,
        "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
            "message", Map.of("role", "assistant", "content", text))),
        "usage", Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
  }
}

package dev.arbor.langchain4j;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A local server that speaks OpenAI's chat-completions protocol: each call gets the next queued answer (status and
 * JSON body), and the request bodies are kept for the test to read.
 */
final class FakeOpenAi implements AutoCloseable {
  private final HttpServer server;
  private final Deque<String[]> answers = new ArrayDeque<>();
  final List<String> requests = new ArrayList<>();

  FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String[] answer;
      synchronized (this) {
        requests.add(body);
        answer = answers.isEmpty() ? new String[] {"500", "{\"error\":{\"message\":\"no answer queued\"}}"}
            : answers.poll();
      }
      byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  synchronized void answer(int status, String json) {
    answers.add(new String[] {String.valueOf(status), json});
  }

  /** A completion with text content, OpenAI's usage block with cached and reasoning details. */
  void answerText(String model, String text, int prompt, int completion, int cached, int reasoning) {
    answer(200, """
        {"id":"chatcmpl-1","object":"chat.completion","created":1764470000,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                  "prompt_tokens_details":{"cached_tokens":%d},
                  "completion_tokens_details":{"reasoning_tokens":%d}}}
        """.formatted(model, text, prompt, completion, prompt + completion, cached, reasoning));
  }

  void answerToolCall(String model, String id, String function, String argumentsJson) {
    answer(200, """
        {"id":"chatcmpl-2","object":"chat.completion","created":1764470000,"model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"%s","type":"function","function":{"name":"%s","arguments":%s}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":80,"completion_tokens":12,"total_tokens":92}}
        """.formatted(model, id, function, quote(argumentsJson)));
  }

  private static String quote(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

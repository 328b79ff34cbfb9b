package dev.arbor.example.tickets.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zendesk's ticket API over the bundled {@code fake/tickets.json}: {@code GET /api/v2/tickets/{id}.json} and
 * {@code /api/v2/tickets/{id}/comments.json}. An unknown id is a 404 as Zendesk writes it; a ticket marked
 * {@code rate_limited} answers its first request with a 429 and {@code Retry-After: 1}.
 */
final class FakeZendesk extends FakeHttp {
  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)(\\.json|/comments\\.json)");
  private final Map<Long, JsonNode> tickets = new HashMap<>();
  private final Set<Long> rateLimited = ConcurrentHashMap.newKeySet();

  FakeZendesk() {
    try (InputStream in = FakeZendesk.class.getResourceAsStream("/fake/tickets.json")) {
      for (JsonNode t : JSON.readTree(in).path("tickets")) {
        tickets.put(t.path("id").asLong(), t);
        if (t.path("rate_limited").asBoolean()) {
          rateLimited.add(t.path("id").asLong());
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    Matcher m = TICKET.matcher(exchange.getRequestURI().getPath());
    if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
      send(exchange, 404, Map.of("error", "InvalidEndpoint", "description", "Not found"));
      return;
    }
    long id = Long.parseLong(m.group(1));
    JsonNode ticket = tickets.get(id);
    if (ticket == null) {
      send(exchange, 404, Map.of("error", "RecordNotFound", "description", "Not found"));
      return;
    }
    if (rateLimited.remove(id)) {
      exchange.getResponseHeaders().set("Retry-After", "1");
      send(exchange, 429, Map.of("error", "TooManyRequests",
          "description", "Rate limit exceeded, retry after 1 second"));
      return;
    }
    if (m.group(2).equals(".json")) {
      Map<String, Object> body = JSON.convertValue(ticket, Map.class);
      body.remove("comments");
      body.remove("rate_limited");
      send(exchange, 200, Map.of("ticket", body));
    } else {
      send(exchange, 200, Map.of("comments", ticket.path("comments"), "count", ticket.path("comments").size()));
    }
  }
}

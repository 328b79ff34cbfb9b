package dev.arbor.example.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads tickets and their comments from Zendesk's REST API ({@code /api/v2/tickets/{id}.json} and
 * {@code /api/v2/tickets/{id}/comments.json}), waiting out 429s as {@code Retry-After} asks, up to three times.
 */
final class ZendeskClient {
  static final int MAX_RETRIES = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TracedHttp http;
  private final String baseUrl;
  private final String authorization;
  private final Duration maxRetryWait;

  /** {@code email} and {@code apiToken} may be null for a server that needs no login (the local fake). */
  ZendeskClient(TracedHttp http, String baseUrl, String email, String apiToken, Duration maxRetryWait) {
    this.http = http;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.authorization = email == null || apiToken == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString((email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
    this.maxRetryWait = maxRetryWait;
  }

  Ticket fetch(long id) throws IOException, InterruptedException {
    JsonNode ticket = get("/api/v2/tickets/" + id + ".json", "/api/v2/tickets/{id}", id).path("ticket");
    JsonNode comments = get("/api/v2/tickets/" + id + "/comments.json", "/api/v2/tickets/{id}/comments", id)
        .path("comments");
    List<Ticket.Comment> list = new ArrayList<>();
    for (JsonNode c : comments) {
      list.add(new Ticket.Comment(c.path("author_id").asText(), c.path("body").asText(), c.path("public").asBoolean(true)));
    }
    List<String> tags = new ArrayList<>();
    ticket.path("tags").forEach(t -> tags.add(t.asText()));
    return new Ticket(id, ticket.path("subject").asText(), ticket.path("description").asText(),
        ticket.path("status").asText(), ticket.path("priority").asText(null), tags, list);
  }

  private JsonNode get(String path, String route, long id) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> response = http.send(request.build(), route, attempt);
      int status = response.statusCode();
      if (status == 200) {
        return JSON.readTree(response.body());
      }
      if (status == 404) {
        throw new TicketNotFoundException(id);
      }
      if (status == 429 && attempt < MAX_RETRIES) {
        Thread.sleep(retryWait(response).toMillis());
        continue;
      }
      throw new IOException("Zendesk answered " + status + " for ticket " + id
          + (status == 429 ? " (still rate limited after " + MAX_RETRIES + " retries)" : ""));
    }
  }

  private Duration retryWait(HttpResponse<String> response) {
    long seconds = response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return 1L;
      }
    }).orElse(1L);
    Duration wait = Duration.ofSeconds(Math.max(0, seconds));
    return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
  }

  /** The ticket does not exist (Zendesk's 404). */
  static final class TicketNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    TicketNotFoundException(long id) {
      super("ticket " + id + " not found in Zendesk (404)");
    }
  }
}

package dev.arbor.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.server.access.Principal;
import dev.arbor.store.AuditEntry;
import dev.arbor.store.AuditStore;
import dev.arbor.store.SpanStore;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every change made through the REST API (a POST, PUT, PATCH or DELETE under {@code /v1/} or
 * {@code /api/}, refused or not) in the audit trail, before the answer goes back: the route as the action, the path
 * as the target, the caller's address, the reason (the {@code X-Arbor-Reason} header or a {@code reason} field),
 * and the request's body (the state after), the state before ({@link BeforeStates}), query and answer status as the
 * detail, with secret-looking fields masked. A deletion in a regulated project without a reason is refused here
 * ({@link ReasonRule}), and recorded as refused. The actor is
 * the caller access control found ({@code user:ada}, {@code key:…}; {@code anonymous} with access control off). Ingest and
 * read-only POSTs (span search, previews, verification) are not changes and are not recorded.
 */
public final class AuditRecorder {
  public static final String REASON_HEADER = "x-arbor-reason";
  private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_CHARS = 16_384;
  private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);
  private static final Set<String> NOT_CHANGES = Set.of("/v1/traces", "/api/public/otel/v1/traces", "/v1/spans",
      "/api/redaction/preview", "/api/audit/verify");
  private static final Pattern SPAN_LOGGING = Pattern.compile("/v1/projects/[^/]+/spans");
  private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|api_?key|webhook_url|authorization).*");

  private final AuditStore audit;
  private final BeforeStates befores;
  private final ReasonRule reasons;

  public AuditRecorder(SpanStore store) {
    this.audit = store.audit();
    this.befores = new BeforeStates(store);
    this.reasons = new ReasonRule(store);
  }

  /** The decorator to put in front of every route. */
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    String path = ctx.path();
    if (!CHANGES.contains(req.method()) || !(path.startsWith("/v1/") || path.startsWith("/api/"))
        || NOT_CHANGES.contains(path) || SPAN_LOGGING.matcher(path).matches()) {
      return delegate.serve(ctx, req);
    }
    String route = route(ctx, req.method().name());
    CompletableFuture<HttpResponse> answered = req.aggregate()
        .thenApplyAsync(request -> pending(route, ctx, request), ctx.blockingTaskExecutor())
        .thenComposeAsync(pending -> {
          HttpResponse response;
          try {
            response = pending.refusal() != null
                ? HttpResponse.of(HttpStatus.UNPROCESSABLE_ENTITY, MediaType.PLAIN_TEXT_UTF_8, pending.refusal())
                : delegate.serve(ctx, pending.request().toHttpRequest());
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
          return response.aggregate().handleAsync((answer, error) -> {
            // A failed answer (an unexpected error, a timeout) may follow a committed change: record it too.
            record(ctx, route, pending, answer == null ? 500 : answer.status().code(), error);
            return answer == null ? HttpResponse.ofFailure(error) : answer.toHttpResponse();
          }, ctx.blockingTaskExecutor());
        }, ctx.eventLoop());
    return HttpResponse.of(answered);
  }

  /**
   * A request read whole: its body as JSON with secrets masked (null for none), its reason, the state its change is
   * about to change (null for none), and why it is refused before it runs (null: it runs).
   */
  private record Pending(AggregatedHttpRequest request, JsonNode body, String reason, JsonNode before,
      String refusal) {}

  /** Reads what the record needs once, before the change runs (the state before, from the store). */
  private Pending pending(String route, ServiceRequestContext ctx, AggregatedHttpRequest request) {
    JsonNode body = body(request.contentUtf8());
    String reason = request.headers().get(REASON_HEADER);
    if (reason == null && body != null && body.path("reason").isTextual()) {
      reason = body.path("reason").asText();
    }
    JsonNode before = befores.before(route, ctx);
    if (before != null) {
      mask(before);
    }
    return new Pending(request, body, reason, before, reasons.refusal(route, ctx, body, reason));
  }

  private static String route(ServiceRequestContext ctx, String method) {
    return method + " " + ctx.config().route().patternString().replaceAll("/:([^/]+)", "/{$1}");
  }

  private void record(ServiceRequestContext ctx, String route, Pending pending, int status, Throwable error) {
    AggregatedHttpRequest request = pending.request();
    try {
      ObjectNode detail = JSON.createObjectNode();
      detail.put("status", status);
      if (pending.before() != null) {
        detail.set("before", pending.before());
      }
      if (error != null) {
        detail.put("error", error.getClass().getName());
      }
      if (ctx.query() != null) {
        detail.put("query", maskQuery(ctx.query()));
      }
      if (pending.body() != null) {
        detail.set("request", pending.body());
      }
      audit.append(new AuditEntry.Event(Principal.of(ctx).actor(), String.valueOf(ctx.clientAddress().getHostAddress()),
          route, ctx.path(), pending.reason(), JSON.writeValueAsString(detail)));
    } catch (Exception e) {
      // The change is made; only its record is missing. Say so loudly: verification cannot see it.
      log.error("AUDIT: could not record {} {} (status {}): {}", request.method(), ctx.path(), status, e.toString());
    }
  }

  /**
   * The request body as JSON with secret-looking fields masked; a body that is not JSON, or too long to keep, only
   * by its length and SHA-256 (its fields could not be masked); null when there is none.
   */
  private static JsonNode body(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() <= MAX_BODY_CHARS) {
      try {
        JsonNode node = JSON.readTree(text);
        mask(node);
        return node;
      } catch (Exception notJson) {
        // described below
      }
    }
    ObjectNode described = JSON.createObjectNode();
    described.put("chars", text.length());
    try {
      described.put("sha256", java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return described;
  }

  /** The query string with the values of secret-looking parameters masked. */
  private static String maskQuery(String query) {
    StringBuilder out = new StringBuilder();
    for (String pair : query.split("&")) {
      if (out.length() > 0) out.append('&');
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      out.append(eq >= 0 && SECRET.matcher(name).matches() ? name + "=[secret]" : pair);
    }
    return out.toString();
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (SECRET.matcher(field.getKey()).matches() && !field.getValue().isNull()) {
          field.setValue(JSON.getNodeFactory().textNode("[secret]"));
        } else {
          mask(field.getValue());
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(AuditRecorder::mask);
    }
  }
}

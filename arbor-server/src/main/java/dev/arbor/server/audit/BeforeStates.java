package dev.arbor.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.store.ApiKey;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.User;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What a change is about to change, read before it runs, so that the audit trail holds the state before beside the
 * request (the state after): the project, price, alert or redaction rule, user (never its password hash), key
 * (never its secret's hash), retention policy, or the span, trace or session a deletion removes (by its ids, name
 * and size; the spans' digests are in the trail already).
 */
final class BeforeStates {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule().addSerializer(java.time.Instant.class,
          com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance));

  private final Map<String, BiFunction<SpanStore, ServiceRequestContext, Optional<?>>> readers = new HashMap<>();
  private final SpanStore store;

  BeforeStates(SpanStore store) {
    this.store = store;
    for (String method : List.of("PUT", "DELETE")) {
      readers.put(method + " /v1/projects/{project}", (s, ctx) -> s.findProject(ctx.pathParam("project")));
      readers.put(method + " /api/prices/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.prices().list().stream()
          .filter(p -> p.id() != null && p.id() == id).findFirst()));
      readers.put(method + " /api/alerts/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.alerts().find(id))
          .map(a -> a.rule()));
      readers.put(method + " /api/redaction/rules/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.redactionRules()
          .list().stream().filter(r -> r.id() == id).findFirst()));
      readers.put(method + " /api/users/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.access().user(id))
          .map(BeforeStates::user));
      readers.put(method + " /api/projects/{project}/retention",
          (s, ctx) -> s.retention().find(ctx.pathParam("project")));
    }
    readers.put("PUT /api/projects/{project}/name", (s, ctx) -> s.findProject(ctx.pathParam("project")));
    readers.put("DELETE /api/keys/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.access().key(id)).map(BeforeStates::key));
    readers.put("DELETE /api/auth/keys/{id}", (s, ctx) -> id(ctx).flatMap(id -> s.access().key(id))
        .map(BeforeStates::key));
    readers.put("DELETE /v1/spans/{span}", (s, ctx) -> s.findSpan(ctx.pathParam("span")).map(BeforeStates::span));
    readers.put("DELETE /v1/traces/{trace}", (s, ctx) -> trace(s.traceSpans(ctx.pathParam("trace"))));
    readers.put("DELETE /v1/sessions/{session}", (s, ctx) -> s.findSession(ctx.pathParam("session")));
  }

  /** The state before the change the request makes; null when the route has none or it is not there. */
  JsonNode before(String route, ServiceRequestContext ctx) {
    BiFunction<SpanStore, ServiceRequestContext, Optional<?>> reader = readers.get(route);
    if (reader == null) {
      return null;
    }
    try {
      return reader.apply(store, ctx).map(value -> (JsonNode) JSON.valueToTree(value)).orElse(null);
    } catch (RuntimeException e) {
      // The change goes on (the handler answers what is wrong with the request); the entry says what is missing.
      return JSON.createObjectNode().put("unreadable", e.getClass().getSimpleName());
    }
  }

  private static Optional<Long> id(ServiceRequestContext ctx) {
    try {
      return Optional.of(Long.parseLong(ctx.pathParam("id")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Object> user(User u) {
    return Map.of("id", u.id(), "username", u.name(), "role", u.role().wireName(),
        "projects", u.grants().limited() ? u.grants().projects() : "all", "disabled", u.disabled());
  }

  private static Map<String, Object> key(ApiKey k) {
    return Map.of("id", k.id(), "name", k.name(), "public_key", k.publicId(), "role", k.role().wireName(),
        "projects", k.grants().limited() ? k.grants().projects() : "all",
        "revoked", k.revokedAt() != null);
  }

  private static Map<String, Object> span(StoredSpan s) {
    return Map.of("project", s.span().project(), "trace_id", s.span().traceId(), "span_id", s.span().spanId(),
        "name", s.span().name());
  }

  private static Optional<ObjectNode> trace(List<StoredSpan> spans) {
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode trace = JSON.createObjectNode();
    trace.put("project", spans.get(0).span().project());
    trace.put("trace_id", spans.get(0).span().traceId());
    trace.put("spans", spans.size());
    trace.put("root", spans.stream().filter(s -> s.span().parentSpanId() == null).map(s -> s.span().name())
        .findFirst().orElse(null));
    return Optional.of(trace);
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.server.config.AuthConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Access control through the real server: every route walked as each role, keys limited to some projects (REST,
 * OTLP/HTTP, gRPC, Langfuse's Basic pair), sign-in with its cookie, throttling, revocation and expiry, the actor in
 * the audit trail, and no secret in any answer or log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITAccessControl {
  private static final String ADMIN_PASSWORD = "correct horse battery staple";
  private static final String PASSWORD = "a long enough password";

  @RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withAuth(AuthConfig.on("root", ADMIN_PASSWORD)));
  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final List<String> secrets = new ArrayList<>();

  private static ApiClient api;
  private static String adminCookie;
  /** Keys by role name: admin (system key), member, viewer (user keys), limited (write support, read billing). */
  private static final Map<String, String> keys = new LinkedHashMap<>();
  private static JsonNode supportSpan;
  private static JsonNode billingSpan;

  @BeforeAll
  static void usersKeysAndSpans() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    secrets.add(ADMIN_PASSWORD);
    secrets.add(PASSWORD);
    api = running.api();
    adminCookie = login("root", ADMIN_PASSWORD);
    keys.put("admin", secret(api.send("POST", "/api/keys", "{\"name\":\"ops\",\"role\":\"admin\"}",
        "Cookie", adminCookie)));
    createUser("mia", "member", null);
    createUser("vic", "viewer", null);
    createUser("lin", "member", "{\"support\":\"write\",\"billing\":\"read\"}");
    for (String[] user : new String[][] {{"mia", "member"}, {"vic", "viewer"}, {"lin", "limited"}}) {
      keys.put(user[1], secret(api.send("POST", "/api/auth/keys", "{\"name\":\"" + user[0] + "'s key\"}",
          "Cookie", login(user[0], PASSWORD))));
    }
    for (String project : List.of("support", "billing", "other")) {
      assertThat(export(keys.get("admin"), project, false)).as("admin ingests into " + project).isTrue();
    }
    supportSpan = spans("support").get(0);
    billingSpan = spans("billing").get(0);
  }

  @AfterAll
  static void detach() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  /** The least role each route needs; "public" for none. Written from the README's table, not read from the code. */
  private static final Map<String, String> NEEDS = new LinkedHashMap<>();

  static {
    for (String route : List.of("GET /api/auth/status", "POST /api/auth/login", "POST /api/auth/setup",
        "POST /api/auth/logout", "GET /healthz", "GET /readyz", "GET /arize_phoenix_version", "GET /openapi.json",
        "GET /docs")) {
      NEEDS.put(route, "public");
    }
    for (String route : List.of("GET /api/auth/me", "POST /api/auth/password", "GET /api/auth/keys",
        "POST /api/auth/keys", "DELETE /api/auth/keys/{id}", "GET /v1/projects", "GET /v1/projects/{project}",
        "GET /v1/projects/{project}/spans", "POST /v1/spans", "GET /v1/projects/{project}/traces",
        "GET /v1/projects/{project}/sessions", "GET /v1/sessions/{session}",
        "GET /v1/projects/{project}/span_annotations", "GET /v1/projects/{project}/trace_annotations",
        "GET /v1/projects/{project}/session_annotations", "GET /api/projects/{project}/traces",
        "GET /api/projects/{project}/spans", "GET /api/projects/{project}/sessions", "GET /api/projects/{project}/stats",
        "GET /api/projects/{project}/attribute-keys", "GET /api/projects/{project}/metrics",
        "GET /api/projects/{project}/cost-projection", "GET /api/projects/{project}/chains", "GET /api/traces/{trace}", "GET /api/sessions/{session}",
        "GET /api/prices", "GET /api/prices/match", "GET /api/prices/recompute", "GET /api/alerts",
        "GET /api/alerts/{id}", "GET /api/alerts/{id}/events", "GET /api/redaction/rules",
        "GET /api/redaction/detectors", "POST /api/redaction/preview", "GET /api/retention", "GET /api/storage",
        "GET /api/projects/{project}/regulated")) {
      NEEDS.put(route, "viewer");
    }
    for (String route : List.of("POST /v1/traces", "POST /api/public/otel/v1/traces", "POST /v1/projects",
        "PUT /v1/projects/{project}", "POST /v1/projects/{project}/spans", "DELETE /v1/spans/{span}",
        "DELETE /v1/traces/{trace}", "DELETE /v1/sessions/{session}", "POST /v1/sessions/delete",
        "POST /v1/span_annotations", "POST /v1/document_annotations", "POST /v1/trace_annotations",
        "POST /v1/session_annotations", "POST /v1/span_notes", "POST /v1/trace_notes", "POST /v1/session_notes",
        "POST /api/alerts", "PUT /api/alerts/{id}", "DELETE /api/alerts/{id}", "POST /api/alerts/evaluate")) {
      NEEDS.put(route, "member");
    }
    for (String route : List.of("DELETE /v1/projects/{project}", "PUT /api/projects/{project}/name", "POST /api/prices", "PUT /api/prices/{id}",
        "DELETE /api/prices/{id}", "POST /api/redaction/rules", "PUT /api/redaction/rules/{id}",
        "DELETE /api/redaction/rules/{id}", "GET /api/audit", "GET /api/audit/export", "POST /api/audit/verify",
        "GET /api/users", "POST /api/users", "PUT /api/users/{id}", "DELETE /api/users/{id}", "GET /api/keys",
        "POST /api/keys", "DELETE /api/keys/{id}", "PUT /api/projects/{project}/retention",
        "DELETE /api/projects/{project}/retention", "POST /api/projects/{project}/retention/apply",
        "PUT /api/projects/{project}/regulated")) {
      NEEDS.put(route, "admin");
    }
  }

  private static final List<String> ROLES = List.of("anonymous", "viewer", "member", "admin");

  @Test
  @Order(1)
  void everyRoute_answersEachRoleAsItsRuleSays() {
    List<String> problems = new ArrayList<>();
    for (String route : running.server().routes()) {
      String method = route.substring(0, route.indexOf(' '));
      if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
        continue; // the HTTP client sends no others; the rule of a path covers every method
      }
      String pattern = route.substring(route.indexOf(' ') + 1).replaceAll(":(\\w+)", "{$1}");
      String key = method + " " + pattern;
      String need = need(method, pattern);
      if (need == null) {
        problems.add(key + ": this test does not know what it needs");
        continue;
      }
      String path = concrete(method, pattern);
      for (String role : ROLES) {
        HttpResponse<byte[]> answer = role.equals("anonymous")
            ? api.send(method, path, body(method))
            : api.send(method, path, body(method), "Authorization", "Bearer " + keys.get(role));
        int status = answer.statusCode();
        boolean allowed = need.equals("public") || !role.equals("anonymous")
            && ROLES.indexOf(role) >= ROLES.indexOf(need);
        String expected = allowed ? "neither 401 nor 403" : role.equals("anonymous") ? "401" : "403";
        boolean ok = allowed ? status != 401 && (status != 403 || need.equals("public"))
            : status == (role.equals("anonymous") ? 401 : 403);
        if (!ok) {
          problems.add(key + " as " + role + " (" + path + "): " + status + ", expected " + expected + ": "
              + ApiClient.text(answer));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** What the route needs; every route outside the API (the UI's files) is public; OTLP paths take any method. */
  private static String need(String method, String pattern) {
    String need = NEEDS.get(method + " " + pattern);
    if (need != null) {
      return need;
    }
    if (pattern.equals("/v1/traces") || pattern.equals("/api/public/otel/v1/traces")
        || pattern.startsWith("/opentelemetry.proto.collector.trace.v1.TraceService/")) {
      return "member";
    }
    if (pattern.equals("/metrics")) {
      return "viewer";
    }
    boolean api = pattern.startsWith("/v1/") || pattern.startsWith("/api/") || pattern.equals("/metrics");
    return api ? null : "public";
  }

  /** A path for the pattern: real project, span, trace and session for reads; ids that do not exist for deletes. */
  private static String concrete(String method, String pattern) {
    boolean delete = method.equals("DELETE");
    return pattern.replace("{project}", delete ? "no-such-project" : "support")
        .replace("{span}", delete ? "00000000000000ff" : supportSpan.at("/context/span_id").asText())
        .replace("{trace}", delete ? "000000000000000000000000000000ff"
            : supportSpan.at("/context/trace_id").asText())
        .replace("{session}", delete ? "no-such-session" : "support-session")
        .replace("{id}", "999999")
        .replaceAll("/\\*$", "/index.html").replace("/*", "/x");
  }

  private static String body(String method) {
    return method.equals("POST") || method.equals("PUT") ? "{}" : null;
  }

  @Test
  @Order(2)
  void aKeyLimitedToSomeProjects_readsAndWritesOnlyThose() {
    String limited = keys.get("limited");
    assertThat(get("/v1/projects/support/spans", limited).statusCode()).isEqualTo(200);
    assertThat(get("/v1/projects/billing/spans", limited).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> other = get("/v1/projects/other/spans", limited);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(ApiClient.text(other)).contains("no read access to project 'other'");
    assertThat(ApiClient.json(get("/v1/projects", limited)).path("data").findValuesAsText("name"))
        .containsExactlyInAnyOrder("support", "billing");
    assertThat(send("POST", "/v1/spans?project_name=other", "{}", limited).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/v1/spans", "{\"project_name\":\"billing\"}", limited).statusCode()).isEqualTo(200);
    assertThat(get("/api/traces/" + billingSpan.at("/context/trace_id").asText(), limited).statusCode())
        .isEqualTo(200);

    assertThat(annotate(supportSpan, limited).statusCode()).as("write on support").isEqualTo(200);
    assertThat(annotate(billingSpan, limited).statusCode()).as("read only on billing").isEqualTo(403);
    assertThat(send("DELETE", "/v1/traces/" + billingSpan.at("/context/trace_id").asText(), null, limited)
        .statusCode()).isEqualTo(403);
    assertThat(send("POST", "/v1/projects", "{\"name\":\"new-one\"}", limited).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/alerts", """
        {"name":"all","metric":"error_rate","window_seconds":300,"comparison":"above","threshold":0.5}""",
        limited).statusCode()).as("an alert on every project").isEqualTo(403);
    assertThat(get("/metrics", limited).statusCode()).isEqualTo(403);
    // With access control on, alerts cannot make Arbor call into its own network.
    for (String hook : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/hook")) {
      HttpResponse<byte[]> refused = send("POST", "/api/alerts", "{\"name\":\"ssrf\",\"project\":\"support\","
          + "\"metric\":\"error_rate\",\"window_seconds\":300,\"comparison\":\"above\",\"threshold\":0.5,"
          + "\"webhook_url\":\"" + hook + "\"}", keys.get("member"));
      assertThat(refused.statusCode()).as(hook).isEqualTo(422);
      assertThat(ApiClient.text(refused)).contains("webhook_url's host");
    }
    assertThat(ApiClient.json(get("/api/projects/support/stats", keys.get("member"))).isObject()).isTrue();
  }

  @Test
  @Order(4)
  void aLimitedKey_cannotWidenItself_moveAlerts_orReachOtherProjectsThroughIdsBodiesOrEmptyParameters() {
    String limited = keys.get("limited");
    // A key made with a key reaches no further than it, even when its user reaches further.
    JsonNode viewerKey = ApiClient.json(api.send("POST", "/api/auth/keys", "{\"name\":\"narrow\",\"role\":"
        + "\"viewer\",\"projects\":{\"support\":\"read\"}}", "Cookie", adminCookie)).path("data");
    String narrow = viewerKey.path("secret").asText();
    secrets.add(narrow);
    HttpResponse<byte[]> widened = send("POST", "/api/auth/keys", "{\"name\":\"wide\",\"role\":\"admin\"}", narrow);
    assertThat(widened.statusCode()).isEqualTo(422);
    JsonNode child = ApiClient.json(send("POST", "/api/auth/keys", "{\"name\":\"child\"}", narrow)).path("data");
    secrets.add(child.path("secret").asText());
    assertThat(child.at("/key/role").asText()).isEqualTo("viewer");
    assertThat(child.at("/key/projects").toString()).isEqualTo("{\"support\":\"read\"}");

    // An alert of a project it writes cannot be moved to another project, or to every project.
    JsonNode alert = ApiClient.json(send("POST", "/api/alerts", """
        {"name":"mine","project":"support","metric":"error_rate","window_seconds":300,"comparison":"above",
         "threshold":0.5}""", limited)).path("data");
    String body = "{\"name\":\"mine\",\"metric\":\"error_rate\",\"window_seconds\":300,\"comparison\":\"above\","
        + "\"threshold\":0.5";
    String path = "/api/alerts/" + alert.path("id").asText();
    assertThat(send("PUT", path, body + ",\"project\":\"billing\"}", limited).statusCode()).isEqualTo(403);
    assertThat(send("PUT", path, body + "}", limited).statusCode()).isEqualTo(403);
    assertThat(send("PUT", path, body + ",\"project\":\"support\"}", limited).statusCode()).isEqualTo(200);

    // Ids that are not text, an empty project parameter, a session id that another project holds too.
    assertThat(send("POST", "/v1/sessions/delete", "{\"session_identifiers\":[12345]}", limited).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", "/v1/spans?project_name=", "{\"project_name\":\"other\"}", limited).statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "/v1/sessions/support-session", null, limited).statusCode()).as("only in support")
        .isEqualTo(204);
    assertThat(export(keys.get("admin"), "other", false, "shared-session")).isTrue();
    assertThat(export(keys.get("admin"), "support", false, "shared-session")).isTrue();
    assertThat(send("DELETE", "/v1/sessions/shared-session", null, limited).statusCode()).as("also in other")
        .isEqualTo(403);
    assertThat(spans("other")).hasSize(2);
  }

  @Test
  @Order(4)
  void aChangeFromAnotherSite_withTheBrowsersSignIn_isRefused() {
    String cookie = login("mia", PASSWORD);
    String base = "http://127.0.0.1:" + running.server().httpPort();
    assertThat(api.send("POST", "/api/auth/keys", "{\"name\":\"csrf\"}", "Cookie", cookie, "Origin",
        "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(api.send("POST", "/api/auth/keys", "{\"name\":\"csrf\"}", "Cookie", cookie, "Origin",
        "http://127.0.0.1:1").statusCode()).as("another port of this host").isEqualTo(403);
    HttpResponse<byte[]> same = api.send("POST", "/api/auth/keys", "{\"name\":\"same-site\"}", "Cookie", cookie,
        "Origin", base);
    assertThat(same.statusCode()).isEqualTo(201);
    secrets.add(ApiClient.json(same).at("/data/secret").asText());
    assertThat(api.send("GET", "/api/auth/me", null, "Cookie", cookie, "Origin", "http://evil.example").statusCode())
        .as("reads are not changes").isEqualTo(200);
  }

  @Test
  @Order(3)
  void ingest_takesKeysOnOtlpHttpGrpcAndLangfusesBasicPair_andHoldsLimitedKeysToTheirProjects() {
    int before = spans("support").size();
    assertThat(export(keys.get("limited"), "support", false)).as("OTLP/HTTP, Bearer").isTrue();
    assertThat(export(keys.get("limited"), "support", true)).as("gRPC metadata").isTrue();
    assertThat(spans("support")).hasSize(before + 2);

    assertThat(export(keys.get("limited"), "billing", false)).as("read only").isFalse();
    assertThat(export(keys.get("limited"), "other", true)).as("not granted, gRPC").isFalse();
    assertThat(export(keys.get("viewer"), "support", false)).as("viewers do not write").isFalse();
    assertThat(export("arbor_sk_not-a-key", "support", false)).isFalse();
    assertThat(export(null, "support", false)).isFalse();
    assertThat(spans("billing")).hasSize(1);
    assertThat(spans("other")).hasSize(1);

    // A request with one span outside the key's projects is refused whole.
    var mixed = OtlpRequests.llmSpans("support", 100, 2, 10).toBuilder()
        .addResourceSpans(OtlpRequests.llmSpans("other", 100, 1, 10).getResourceSpans(0)).build();
    HttpResponse<byte[]> refused = api.post("/v1/traces", "application/x-protobuf", mixed.toByteArray(),
        "Authorization", "Bearer " + keys.get("limited"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(spans("support")).hasSize(before + 2);

    // Langfuse's exporter: Basic base64(public key:secret key).
    JsonNode created = ApiClient.json(api.send("POST", "/api/keys", "{\"name\":\"langfuse\",\"role\":\"member\"}",
        "Cookie", adminCookie)).path("data");
    String pair = created.at("/key/public_key").asText() + ":" + created.path("secret").asText();
    secrets.add(created.path("secret").asText());
    byte[] body = OtlpRequests.llmSpans("langfuse-path", 0, 1, 10).toByteArray();
    assertThat(api.post("/api/public/otel/v1/traces", "application/x-protobuf", body, "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))).statusCode())
        .isEqualTo(200);
    String wrongPublic = "arbor_pk_someone-else:" + created.path("secret").asText();
    assertThat(api.post("/api/public/otel/v1/traces", "application/x-protobuf", body, "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(wrongPublic.getBytes(StandardCharsets.UTF_8))).statusCode())
        .isEqualTo(401);
  }

  @Test
  @Order(4)
  void keys_areShownOnce_revoked_expire_andNeverOutreachTheirUser() throws Exception {
    String vicCookie = login("vic", PASSWORD);
    assertThat(api.send("POST", "/api/auth/keys", "{\"name\":\"more\",\"role\":\"member\"}", "Cookie", vicCookie)
        .statusCode()).as("a viewer's key cannot be a member's").isEqualTo(422);
    String linCookie = login("lin", PASSWORD);
    assertThat(api.send("POST", "/api/auth/keys", "{\"name\":\"wider\",\"projects\":{\"other\":\"read\"}}",
        "Cookie", linCookie).statusCode()).isEqualTo(422);

    JsonNode listed = ApiClient.json(api.send("GET", "/api/keys", null, "Cookie", adminCookie));
    assertThat(listed.toString()).doesNotContain(keys.values().toArray(String[]::new)).doesNotContain("secret_hash")
        .contains("\"public_key\":\"arbor_pk_");

    JsonNode shortLived = ApiClient.json(api.send("POST", "/api/auth/keys", "{\"name\":\"brief\",\"expires_at\":\""
        + Instant.now().plusSeconds(2) + "\"}", "Cookie", vicCookie)).path("data");
    String brief = shortLived.path("secret").asText();
    secrets.add(brief);
    assertThat(get("/v1/projects", brief).statusCode()).isEqualTo(200);
    Thread.sleep(2500);
    HttpResponse<byte[]> expired = get("/v1/projects", brief);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(ApiClient.text(expired)).contains("expired").doesNotContain(brief);

    long miaKey = ApiClient.json(api.send("GET", "/api/auth/keys", null, "Cookie", login("mia", PASSWORD)))
        .path("data").get(0).path("id").asLong();
    assertThat(api.send("DELETE", "/api/auth/keys/" + miaKey, null, "Cookie", vicCookie).statusCode())
        .as("not vic's key").isEqualTo(404);
    assertThat(api.send("DELETE", "/api/keys/" + miaKey, null, "Cookie", adminCookie).statusCode()).isEqualTo(200);
    assertThat(get("/v1/projects", keys.get("member")).statusCode()).isEqualTo(401);

    long vic = userId("vic");
    assertThat(api.send("PUT", "/api/users/" + vic, "{\"disabled\":true}", "Cookie", adminCookie).statusCode())
        .isEqualTo(200);
    assertThat(get("/v1/projects", keys.get("viewer")).statusCode()).as("a disabled user's key").isEqualTo(401);
    assertThat(api.send("GET", "/api/auth/me", null, "Cookie", vicCookie).statusCode()).isEqualTo(401);
    assertThat(api.send("DELETE", "/api/users/" + userId("root"), null, "Cookie", adminCookie).statusCode())
        .as("the last admin").isEqualTo(409);
  }

  @Test
  @Order(5)
  void signIn_setsAnHttpOnlyStrictCookie_logoutEndsIt_andWrongPasswordsAreThrottled() {
    HttpResponse<byte[]> signedIn = api.send("POST", "/api/auth/login",
        "{\"username\":\"mia\",\"password\":\"" + PASSWORD + "\"}");
    String setCookie = signedIn.headers().firstValue("set-cookie").orElseThrow();
    assertThat(setCookie).startsWith("arbor_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
        .contains("Secure").contains("Path=/");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertThat(ApiClient.json(api.send("GET", "/api/auth/me", null, "Cookie", cookie)).at("/data/username").asText())
        .isEqualTo("mia");
    assertThat(api.send("POST", "/api/auth/logout", null, "Cookie", cookie).statusCode()).isEqualTo(204);
    assertThat(api.send("GET", "/api/auth/me", null, "Cookie", cookie).statusCode()).isEqualTo(401);

    for (int i = 0; i < 5; i++) {
      assertThat(api.send("POST", "/api/auth/login", "{\"username\":\"mia\",\"password\":\"wrong password " + i
          + "\"}").statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = api.send("POST", "/api/auth/login",
        "{\"username\":\"mia\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(throttled.statusCode()).as("locked, even with the right password").isEqualTo(429);
    assertThat(throttled.headers().firstValue("retry-after")).isPresent();
    assertThat(api.send("POST", "/api/auth/login", "{\"username\":\"nobody\",\"password\":\"" + PASSWORD + "\"}")
        .statusCode()).as("another name is not locked").isEqualTo(401);
  }

  @Test
  @Order(6)
  void theAuditTrail_namesWhoDidWhatAndWhoWasRefused_butNotTheUnauthenticated() {
    String admin = keys.get("admin");
    List<JsonNode> entries = new ArrayList<>();
    ApiClient.json(get("/api/audit?limit=1000", admin)).path("data").forEach(entries::add);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("POST /v1/span_annotations");
      assertThat(e.path("actor").asText()).startsWith("user:lin key:arbor_pk_");
      assertThat(e.path("detail").asText()).contains("\"status\":200");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("DELETE /v1/traces/{trace}");
      assertThat(e.path("actor").asText()).startsWith("user:lin");
      assertThat(e.path("detail").asText()).contains("\"status\":403");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("POST /api/users");
      assertThat(e.path("actor").asText()).isEqualTo("user:root");
      assertThat(e.path("detail").asText()).contains("\"password\":\"[secret]\"");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("PUT /api/users/{id}");
      assertThat(e.path("detail").asText()).contains("\"before\":{").contains("\"username\":\"vic\"")
          .contains("\"disabled\":false").doesNotContain("$2a$");
    });
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("DELETE /api/keys/{id}");
      assertThat(e.path("detail").asText()).contains("\"before\":{").contains("\"public_key\":\"arbor_pk_");
    });
    assertThat(entries).noneMatch(e -> e.path("detail").asText().contains("unreadable"));
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("POST /api/auth/login");
      assertThat(e.path("actor").asText()).isEqualTo("user:mia");
    });
    assertThat(entries).noneMatch(e -> e.path("detail").asText().contains("\"status\":401")
        && !e.path("action").asText().equals("POST /api/auth/login"));
    assertThat(entries.toString()).doesNotContain(secrets.toArray(String[]::new));
  }

  @Test
  @Order(7)
  void theAuditCommand_takesAnAdminsKey() {
    String url = "http://127.0.0.1:" + running.server().httpPort();
    java.io.PrintStream previous = System.out;
    java.io.PrintStream previousErr = System.err;
    var out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      var cli = dev.arbor.server.cli.ArborCommand.commandLine();
      assertThat(cli.execute("audit", "verify", "--url", url, "--api-key", keys.get("admin"))).isZero();
      assertThat(cli.execute("audit", "verify", "--url", url, "--api-key", keys.get("viewer"))).isEqualTo(2);
    } finally {
      System.setOut(previous);
      System.setErr(previousErr);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("intact: ").contains("answered 401");
  }

  @Test
  @Order(8)
  void noLogLineHoldsAPasswordOrAKey() {
    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).as("refused credentials and failed sign-ins are logged")
        .anyMatch(line -> line.contains("unknown API key")).anyMatch(line -> line.contains("sign-in of 'mia'"));
    List<String> all = new ArrayList<>(secrets);
    all.addAll(keys.values());
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(all.toArray(String[]::new)));
  }

  // --- helpers

  private static String login(String user, String password) {
    HttpResponse<byte[]> answer = api.send("POST", "/api/auth/login",
        "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    assertThat(answer.statusCode()).as("sign-in of " + user + ": " + ApiClient.text(answer)).isEqualTo(200);
    String setCookie = answer.headers().firstValue("set-cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static void createUser(String name, String role, String projects) {
    HttpResponse<byte[]> answer = api.send("POST", "/api/users", "{\"username\":\"" + name + "\",\"password\":\""
        + PASSWORD + "\",\"role\":\"" + role + "\"" + (projects == null ? "" : ",\"projects\":" + projects) + "}",
        "Cookie", adminCookie);
    assertThat(answer.statusCode()).as(ApiClient.text(answer)).isEqualTo(201);
    assertThat(ApiClient.text(answer)).doesNotContain(PASSWORD).doesNotContain("$2a$");
  }

  private static long userId(String name) {
    for (JsonNode user : ApiClient.json(api.send("GET", "/api/users", null, "Cookie", adminCookie)).path("data")) {
      if (user.path("username").asText().equals(name)) {
        return user.path("id").asLong();
      }
    }
    throw new AssertionError("no user " + name);
  }

  private static String secret(HttpResponse<byte[]> created) {
    assertThat(created.statusCode()).as(ApiClient.text(created)).isEqualTo(201);
    String secret = ApiClient.json(created).at("/data/secret").asText();
    assertThat(secret).startsWith("arbor_sk_");
    secrets.add(secret);
    return secret;
  }

  private static HttpResponse<byte[]> get(String path, String key) {
    return api.send("GET", path, null, "Authorization", "Bearer " + key);
  }

  private static HttpResponse<byte[]> send(String method, String path, String json, String key) {
    return api.send(method, path, json, "Authorization", "Bearer " + key);
  }

  private static HttpResponse<byte[]> annotate(JsonNode span, String key) {
    return send("POST", "/v1/span_annotations", "{\"data\":[{\"span_id\":\"" + span.at("/context/span_id").asText()
        + "\",\"name\":\"quality\",\"annotator_kind\":\"HUMAN\",\"result\":{\"label\":\"good\"}}]}", key);
  }

  private static List<JsonNode> spans(String project) {
    List<JsonNode> spans = new ArrayList<>();
    ApiClient.json(get("/v1/projects/" + project + "/spans?limit=1000", keys.get("admin"))).path("data")
        .forEach(spans::add);
    return spans;
  }

  /** Sends one span with the real OpenTelemetry exporter; true when the server acknowledged it. */
  private static boolean export(String key, String project, boolean grpc) {
    return export(key, project, grpc, project + "-session");
  }

  private static boolean export(String key, String project, boolean grpc, String session) {
    SpanExporter exporter;
    if (grpc) {
      var builder = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + running.server().grpcPort());
      exporter = (key == null ? builder : builder.addHeader("authorization", "Bearer " + key)).build();
    } else {
      var builder = OtlpHttpSpanExporter.builder()
          .setEndpoint("http://127.0.0.1:" + running.server().httpPort() + "/v1/traces");
      exporter = (key == null ? builder : builder.addHeader("Authorization", "Bearer " + key)).build();
    }
    AtomicReference<CompletableResultCode> result = new AtomicReference<>();
    SpanExporter watched = new SpanExporter() {
      @Override
      public CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        CompletableResultCode code = exporter.export(spans);
        result.set(code);
        return code;
      }

      @Override
      public CompletableResultCode flush() {
        return exporter.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return exporter.shutdown();
      }
    };
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("openinference.project.name"), project))))
        .addSpanProcessor(SimpleSpanProcessor.create(watched)).build();
    provider.get("access-it").spanBuilder("call " + project)
        .setAttribute("session.id", session).startSpan().end();
    provider.forceFlush().join(20, TimeUnit.SECONDS);
    boolean ok = result.get().join(20, TimeUnit.SECONDS).isSuccess();
    provider.shutdown().join(20, TimeUnit.SECONDS);
    return ok;
  }
}

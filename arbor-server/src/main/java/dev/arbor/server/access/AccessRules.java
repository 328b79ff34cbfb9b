package dev.arbor.server.access;

import dev.arbor.server.access.Scope.BodyTargets;
import dev.arbor.server.access.Scope.Ingest;
import dev.arbor.server.access.Scope.Listing;
import dev.arbor.server.access.Scope.NamedProject;
import dev.arbor.server.access.Scope.PathAlert;
import dev.arbor.server.access.Scope.PathProject;
import dev.arbor.server.access.Scope.PathSession;
import dev.arbor.server.access.Scope.PathSpan;
import dev.arbor.server.access.Scope.PathTrace;
import dev.arbor.server.access.Scope.Server;
import dev.arbor.server.access.Scope.Shared;
import dev.arbor.server.access.Scope.Target;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rule of every route, by {@code METHOD /path/{param}} as the server declares it. A route without a rule is
 * refused to everyone (and the test that walks every route fails), so a new route cannot be open by mistake.
 * Routes outside {@code /v1/}, {@code /api/} and {@code /metrics} are the UI's files and the health checks: public.
 */
final class AccessRules {
  private static final Map<String, Rule> RULES = new TreeMap<>();

  private static void rule(String route, Rule rule) {
    if (RULES.put(route, rule) != null) {
      throw new IllegalStateException("two rules for " + route);
    }
  }

  static {
    // Signing in and one's own account.
    rule("GET /api/auth/status", Rule.PUBLIC);
    rule("POST /api/auth/login", Rule.PUBLIC);
    rule("POST /api/auth/setup", Rule.PUBLIC);
    rule("POST /api/auth/logout", Rule.PUBLIC);
    rule("GET /api/auth/me", Rule.signedIn());
    rule("POST /api/auth/password", Rule.signedIn());
    rule("GET /api/auth/keys", Rule.signedIn());
    rule("POST /api/auth/keys", Rule.signedIn());
    rule("DELETE /api/auth/keys/{id}", Rule.signedIn());
    // Users and system keys.
    rule("GET /api/users", Rule.admin());
    rule("POST /api/users", Rule.admin());
    rule("PUT /api/users/{id}", Rule.admin());
    rule("DELETE /api/users/{id}", Rule.admin());
    rule("GET /api/keys", Rule.admin());
    rule("POST /api/keys", Rule.admin());
    rule("DELETE /api/keys/{id}", Rule.admin());

    // Ingest.
    rule("* /v1/traces", Rule.write(new Ingest()));
    rule("* /api/public/otel/v1/traces", Rule.write(new Ingest()));
    rule("* /opentelemetry.proto.collector.trace.v1.TraceService/Export", Rule.write(new Ingest()));

    // Projects.
    rule("GET /v1/projects", Rule.read(new Listing()));
    rule("POST /v1/projects", Rule.write(new Server()));
    rule("GET /v1/projects/{project}", Rule.read(new PathProject("project")));
    rule("PUT /v1/projects/{project}", Rule.write(new PathProject("project")));
    rule("DELETE /v1/projects/{project}", Rule.admin());
    // Renaming changes what every user's grants, alert rules and redaction rules point at.
    rule("PUT /api/projects/{project}/name", Rule.admin());

    // Spans, traces, sessions.
    rule("GET /v1/projects/{project}/spans", Rule.read(new PathProject("project")));
    rule("POST /v1/projects/{project}/spans", Rule.write(new PathProject("project")));
    rule("POST /v1/spans", Rule.read(new NamedProject("project_name", "project_name", "default")));
    rule("DELETE /v1/spans/{span}", Rule.write(new PathSpan("span")));
    rule("GET /v1/projects/{project}/traces", Rule.read(new PathProject("project")));
    rule("DELETE /v1/traces/{trace}", Rule.write(new PathTrace("trace")));
    rule("GET /v1/projects/{project}/sessions", Rule.read(new PathProject("project")));
    rule("GET /v1/sessions/{session}", Rule.read(new PathSession("session")));
    rule("DELETE /v1/sessions/{session}", Rule.write(new PathSession("session")));
    rule("POST /v1/sessions/delete", Rule.write(new BodyTargets(Target.SESSION, "session_identifiers", "")));

    // Annotations and notes.
    rule("POST /v1/span_annotations", Rule.write(new BodyTargets(Target.SPAN, "data", "span_id")));
    rule("POST /v1/document_annotations", Rule.write(new BodyTargets(Target.SPAN, "data", "span_id")));
    rule("POST /v1/trace_annotations", Rule.write(new BodyTargets(Target.TRACE, "data", "trace_id")));
    rule("POST /v1/session_annotations", Rule.write(new BodyTargets(Target.SESSION, "data", "session_id")));
    rule("POST /v1/span_notes", Rule.write(new BodyTargets(Target.SPAN, "data", "span_id")));
    rule("POST /v1/trace_notes", Rule.write(new BodyTargets(Target.TRACE, "data", "trace_id")));
    rule("POST /v1/session_notes", Rule.write(new BodyTargets(Target.SESSION, "data", "session_id")));
    rule("GET /v1/projects/{project}/span_annotations", Rule.read(new PathProject("project")));
    rule("GET /v1/projects/{project}/trace_annotations", Rule.read(new PathProject("project")));
    rule("GET /v1/projects/{project}/session_annotations", Rule.read(new PathProject("project")));

    // The UI's reads and dashboards.
    rule("GET /api/projects/{project}/traces", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/sessions", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/spans", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/stats", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/attribute-keys", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/metrics", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/cost-projection", Rule.read(new PathProject("project")));
    rule("GET /api/projects/{project}/chains", Rule.read(new PathProject("project")));
    rule("GET /api/traces/{trace}", Rule.read(new PathTrace("trace")));
    rule("GET /api/sessions/{session}", Rule.read(new PathSession("session")));

    // Prices apply to every project that uses a model: changed by admins.
    rule("GET /api/prices", Rule.read(new Shared()));
    rule("GET /api/prices/match", Rule.read(new Shared()));
    rule("GET /api/prices/recompute", Rule.read(new Shared()));
    rule("POST /api/prices", Rule.admin());
    rule("PUT /api/prices/{id}", Rule.admin());
    rule("DELETE /api/prices/{id}", Rule.admin());

    // Alerts belong to their project (one without a project watches all of them).
    rule("GET /api/alerts", Rule.read(new Listing()));
    rule("POST /api/alerts", Rule.write(new NamedProject(null, "project", null)));
    rule("GET /api/alerts/{id}", Rule.read(new PathAlert("id")));
    rule("PUT /api/alerts/{id}", Rule.write(new Scope.AlertChange("id")));
    rule("DELETE /api/alerts/{id}", Rule.write(new PathAlert("id")));
    rule("GET /api/alerts/{id}/events", Rule.read(new PathAlert("id")));
    rule("POST /api/alerts/evaluate", Rule.write(new Server()));

    // Redaction rules decide what every project stores: changed by admins.
    rule("GET /api/redaction/rules", Rule.read(new Shared()));
    rule("GET /api/redaction/detectors", Rule.read(new Shared()));
    rule("POST /api/redaction/preview", Rule.read(new Shared()));
    rule("POST /api/redaction/rules", Rule.admin());
    rule("PUT /api/redaction/rules/{id}", Rule.admin());
    rule("DELETE /api/redaction/rules/{id}", Rule.admin());

    // Retention deletes data and decides what a regulated project keeps: changed and applied by admins.
    rule("GET /api/retention", Rule.read(new Listing()));
    rule("PUT /api/projects/{project}/retention", Rule.admin());
    rule("DELETE /api/projects/{project}/retention", Rule.admin());
    rule("POST /api/projects/{project}/retention/apply", Rule.admin());
    rule("GET /api/storage", Rule.read(new Server()));
    rule("GET /api/projects/{project}/regulated", Rule.read(new PathProject("project")));
    rule("PUT /api/projects/{project}/regulated", Rule.admin());

    // The audit trail.
    rule("GET /api/audit", Rule.admin());
    rule("GET /api/audit/export", Rule.admin());
    rule("POST /api/audit/verify", Rule.admin());

    // Every project's traffic.
    rule("* /metrics", Rule.read(new Server()));
  }

  private AccessRules() {}

  /** The rule of a route; empty when an API route has none (refuse it). */
  static Optional<Rule> of(String method, String pattern) {
    String route = method + " " + pattern.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    Rule rule = RULES.getOrDefault(route, RULES.get("* " + route.substring(route.indexOf(' ') + 1)));
    if (rule != null) {
      return Optional.of(rule);
    }
    boolean api = pattern.startsWith("/v1/") || pattern.startsWith("/api/") || pattern.equals("/metrics")
        || pattern.startsWith("/opentelemetry.");
    return api ? Optional.empty() : Optional.of(Rule.PUBLIC);
  }
}

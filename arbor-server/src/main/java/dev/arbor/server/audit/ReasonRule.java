package dev.arbor.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.server.api.Identifiers;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.SpanStore;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Deletions in a regulated project must say why: the routes that delete spans, traces, sessions or projects, or that
 * change what retention deletes (or whether the project is regulated), are refused without a reason when any
 * project they touch is regulated.
 */
final class ReasonRule {
  private static final Set<String> PATH_PROJECT = Set.of("DELETE /v1/projects/{project}",
      "PUT /api/projects/{project}/retention", "DELETE /api/projects/{project}/retention",
      "POST /api/projects/{project}/retention/apply", "PUT /api/projects/{project}/regulated");

  private final SpanStore store;
  private final Identifiers ids;

  ReasonRule(SpanStore store) {
    this.store = store;
    this.ids = new Identifiers(QueryService.create(store));
  }

  /** The regulated project this change touches without a reason; null when it may go on. */
  String refusal(String route, ServiceRequestContext ctx, JsonNode body, String reason) {
    if (reason != null && !reason.isBlank()) {
      return null;
    }
    for (String project : projects(route, ctx, body)) {
      if (store.retention().regulated(project)) {
        return "project '" + project + "' is regulated: a deletion must say why (an X-Arbor-Reason header or a"
            + " reason field)";
      }
    }
    return null;
  }

  private Set<String> projects(String route, ServiceRequestContext ctx, JsonNode body) {
    Set<String> projects = new LinkedHashSet<>();
    try {
      if (PATH_PROJECT.contains(route)) {
        projects.add(ids.project(ctx.pathParam("project")).name());
      } else if (route.equals("DELETE /v1/traces/{trace}")) {
        store.traceSpans(ids.traceId(ctx.pathParam("trace"))).forEach(s -> projects.add(s.span().project()));
      } else if (route.equals("DELETE /v1/spans/{span}")) {
        projects.addAll(store.projectsOfSpan(ids.span(ctx.pathParam("span")).span().spanId()));
      } else if (route.equals("DELETE /v1/sessions/{session}")) {
        projects.addAll(store.projectsOfSession(ids.session(ctx.pathParam("session")).sessionId()));
      } else if (route.equals("POST /v1/sessions/delete") && body != null) {
        for (JsonNode id : body.path("session_identifiers")) {
          try {
            projects.addAll(store.projectsOfSession(ids.session(id.asText()).sessionId()));
          } catch (RuntimeException unknown) {
            // the handler skips it
          }
        }
      }
    } catch (RuntimeException notFound) {
      // nothing to delete: the handler answers 404
    }
    return projects;
  }

}

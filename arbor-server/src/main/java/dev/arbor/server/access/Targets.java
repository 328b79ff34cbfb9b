package dev.arbor.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.server.access.Scope.Target;
import dev.arbor.server.api.GlobalIds;
import dev.arbor.server.api.Identifiers;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.AlertStore;
import dev.arbor.store.StoredAlert;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The projects a request touches, found from its path or body as its route's {@link Scope} says. A set holding
 * {@code null} means "every project" (an alert without a project, say). What does not exist is left to the handler
 * to answer (404 for a missing span); an unknown project name is kept as the name, which a write may create.
 */
final class Targets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryService queries;
  private final Identifiers ids;
  private final AlertStore alerts;

  Targets(QueryService queries, AlertStore alerts) {
    this.queries = queries;
    this.ids = new Identifiers(queries);
    this.alerts = alerts;
  }

  /** The projects named by the path; throws {@code ApiException} (404) for a span, trace or session not found. */
  Set<String> ofPath(Scope scope, ServiceRequestContext ctx) {
    Set<String> projects = new LinkedHashSet<>();
    switch (scope) {
      case Scope.PathProject p -> projects.add(project(ctx.pathParam(p.param())));
      case Scope.PathSpan p -> projects.addAll(queries.projectsOfSpan(ids.span(ctx.pathParam(p.param())).span()
          .spanId()));
      case Scope.PathTrace p -> queries.trace(ids.traceId(ctx.pathParam(p.param())))
          .forEach(span -> projects.add(span.span().project()));
      case Scope.PathSession p -> projects.addAll(queries.projectsOfSession(ids.session(ctx.pathParam(p.param()))
          .sessionId()));
      case Scope.PathAlert p -> alert(ctx.pathParam(p.param())).ifPresent(a -> projects.add(a.rule().project()));
      case Scope.AlertChange p -> alert(ctx.pathParam(p.param())).ifPresent(a -> projects.add(a.rule().project()));
      default -> throw new IllegalArgumentException("not a path scope: " + scope);
    }
    return projects;
  }

  /** The projects of the targets named in a JSON body; a body that is not JSON names none (the handler says so). */
  Set<String> ofBody(Scope scope, String body, ServiceRequestContext ctx) {
    Set<String> projects = new LinkedHashSet<>();
    JsonNode root;
    try {
      root = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (Exception notJson) {
      return projects;
    }
    switch (scope) {
      case Scope.BodyTargets t -> {
        JsonNode list = root.path(t.list());
        for (JsonNode element : list.isArray() ? list : java.util.List.of(list)) {
          JsonNode id = t.field().isEmpty() ? element : element.path(t.field());
          if (id.isMissingNode() || id.isNull()) {
            continue; // nothing named: the handler refuses the request
          }
          // Fails closed: an id that is not text, or names nothing, counts as every project.
          projects.addAll(id.isValueNode() ? targets(t.target(), id.asText()) : java.util.Collections.singleton(null));
        }
      }
      case Scope.AlertChange a -> {
        projects.addAll(ofPath(a, ctx));
        // The alert's project after the change too: moving it is writing to where it goes.
        JsonNode project = root.path("project");
        projects.add(project.isTextual() && !project.asText().isBlank() ? project(project.asText().strip()) : null);
      }
      case Scope.NamedProject n -> {
        String name = n.queryParam() == null ? null : ctx.queryParam(n.queryParam());
        if (name != null && name.isBlank()) {
          name = null; // an empty parameter is no parameter, as the handler reads it
        }
        if (name == null && root.path(n.bodyField()).isTextual()) {
          name = root.path(n.bodyField()).asText().strip();
        }
        projects.add(name != null && !name.isEmpty() ? project(name) : n.fallback());
      }
      default -> throw new IllegalArgumentException("not a body scope: " + scope);
    }
    return projects;
  }

  /**
   * Every project holding the target: a span or session id may be in several projects, and a change by that id
   * reaches all of them. {@code null} (every project) when it names nothing.
   */
  private Set<String> targets(Target target, String id) {
    Set<String> projects = new LinkedHashSet<>();
    try {
      switch (target) {
        case PROJECT -> projects.add(project(id));
        case SPAN -> projects.addAll(queries.projectsOfSpan(ids.span(id).span().spanId()));
        case TRACE -> queries.trace(ids.traceId(id)).forEach(s -> projects.add(s.span().project()));
        case SESSION -> projects.addAll(queries.projectsOfSession(ids.session(id).sessionId()));
      }
    } catch (RuntimeException notFound) {
      projects.clear();
    }
    if (projects.isEmpty()) {
      projects.add(null);
    }
    return projects;
  }

  private String project(String identifier) {
    Optional<String> byName = queries.project(identifier).map(p -> p.name());
    if (byName.isPresent()) {
      return byName.get();
    }
    Long id = GlobalIds.parse("Project", identifier);
    return id == null ? identifier : queries.project(id).map(p -> p.name()).orElse(identifier);
  }

  private Optional<StoredAlert> alert(String id) {
    try {
      return alerts.find(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

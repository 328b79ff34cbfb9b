package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.Project;
import dev.arbor.store.SessionSummary;
import dev.arbor.store.StoredSpan;
import java.util.regex.Pattern;

/**
 * The identifiers Phoenix's API accepts, resolved through the query service: a project by name or global
 * id; a span or trace by global id or OpenTelemetry hex id; a session by global id or its session id.
 * What is not found is a 404 naming it.
 */
public final class Identifiers {
  static final Pattern SPAN_HEX = Pattern.compile("[0-9a-fA-F]{16}");
  static final Pattern TRACE_HEX = Pattern.compile("[0-9a-fA-F]{32}");

  private final QueryService queries;

  public Identifiers(QueryService queries) {
    this.queries = queries;
  }

  public Project project(String identifier) {
    var byName = queries.project(identifier);
    if (byName.isPresent()) {
      return byName.get();
    }
    Long id = GlobalIds.parse("Project", identifier);
    return (id == null ? java.util.Optional.<Project>empty() : queries.project(id))
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Project not found: " + identifier));
  }

  public StoredSpan span(String identifier) {
    Long id = GlobalIds.parse("Span", identifier);
    var span = id != null ? queries.span(id)
        : SPAN_HEX.matcher(identifier).matches() ? queries.span(identifier.toLowerCase(java.util.Locale.ROOT))
        : java.util.Optional.<StoredSpan>empty();
    return span.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Span not found: " + identifier));
  }

  /** The hex trace id of a trace that has stored spans. */
  public String traceId(String identifier) {
    Long id = GlobalIds.parse("Trace", identifier);
    String traceId = null;
    if (id != null) {
      traceId = queries.span(id).map(s -> s.span().traceId()).orElse(null);
    } else if (TRACE_HEX.matcher(identifier).matches()) {
      traceId = identifier.toLowerCase(java.util.Locale.ROOT);
      if (queries.trace(traceId).isEmpty()) {
        traceId = null;
      }
    }
    if (traceId == null) {
      throw new ApiException(HttpStatus.NOT_FOUND, "Trace not found: " + identifier);
    }
    return traceId;
  }

  public SessionSummary session(String identifier) {
    Long id = GlobalIds.parse("ProjectSession", identifier);
    var session = id != null ? queries.session(id) : queries.session(identifier);
    return session.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Session not found: " + identifier));
  }
}

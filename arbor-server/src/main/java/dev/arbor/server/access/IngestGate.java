package dev.arbor.server.access;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.model.Span;
import java.util.Collection;

/**
 * The part of the access rule of OTLP ingest that needs the decoded spans: a caller limited to some projects may
 * only send spans of projects it writes to. A request with one span elsewhere is refused whole, so nothing of it is
 * stored.
 */
public final class IngestGate {
  private IngestGate() {}

  /** Why the caller of {@code ctx} may not store these spans; null when it may. */
  public static String refusal(ServiceRequestContext ctx, Collection<Span> spans) {
    Principal principal = Principal.of(ctx);
    if (!principal.grants().limited() && principal.canWrite("")) {
      return null;
    }
    for (Span span : spans) {
      if (!principal.canWrite(span.project())) {
        return "no write access to project '" + span.project() + "'; nothing of this request was stored";
      }
    }
    return null;
  }
}

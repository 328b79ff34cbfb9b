package dev.arbor.server.access;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.server.api.ApiException;
import dev.arbor.server.query.QueryService;
import dev.arbor.store.AccessStore;
import dev.arbor.store.AlertStore;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one authorisation layer, in front of every route: finds the caller ({@link Authenticator}), reads the route's
 * {@link Rule} and answers 401 (no or bad credentials), 403 (not allowed) or passes the request on. A refusal of a
 * change goes through {@code audited} like any change, so the audit trail shows who tried; an unauthenticated
 * request does not (anyone could fill the trail). With access control off every caller is {@link Principal#LOCAL}.
 */
public final class AccessControl {
  private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

  private final boolean enabled;
  private final Authenticator authenticator;
  private final Targets targets;

  private AccessControl(boolean enabled, Authenticator authenticator, Targets targets) {
    this.enabled = enabled;
    this.authenticator = authenticator;
    this.targets = targets;
  }

  public static AccessControl create(boolean enabled, AccessStore store, QueryService queries, AlertStore alerts,
      Clock clock) {
    return new AccessControl(enabled, new Authenticator(store, clock), new Targets(queries, alerts));
  }

  /** A refusal: its status and what it says. */
  private record Refusal(HttpStatus status, String message) {}

  /** The decorator: {@code audited} wraps a service with the audit recorder. */
  public HttpResponse serve(UnaryOperator<HttpService> audited, HttpService delegate, ServiceRequestContext ctx,
      HttpRequest req) throws Exception {
    if (!enabled) {
      ctx.setAttr(Principal.ATTRIBUTE, Principal.LOCAL);
      return audited.apply(delegate).serve(ctx, req);
    }
    Optional<Rule> rule = AccessRules.of(req.method().name(), ctx.config().route().patternString());
    CompletableFuture<HttpResponse> answer = CompletableFuture
        .supplyAsync(() -> decide(rule, ctx, req), ctx.blockingTaskExecutor())
        .thenCompose(first -> !(first instanceof Decision.NeedsBody) ? CompletableFuture.completedFuture(first)
            : req.aggregate().thenApplyAsync(body -> decideWithBody(rule.orElseThrow(), ctx, body),
                ctx.blockingTaskExecutor()))
        .thenApplyAsync(decision -> {
          try {
            return switch (decision) {
              case Decision.NeedsBody needs -> throw new IllegalStateException("the body was read above");
              case Decision.Pass pass -> audited.apply(delegate).serve(ctx, pass.request() == null ? req
                  : pass.request().toHttpRequest());
              case Decision.Refuse refuse when refuse.refusal().status() == HttpStatus.UNAUTHORIZED ->
                  refusal(ctx, refuse.refusal());
              case Decision.Refuse refuse -> audited.apply((c, r) -> refusal(c, refuse.refusal())).serve(ctx,
                  refuse.request() == null ? req : refuse.request().toHttpRequest());
            };
          } catch (Exception e) {
            return HttpResponse.ofFailure(e);
          }
        }, ctx.eventLoop());
    return HttpResponse.of(answer);
  }

  private sealed interface Decision {
    record Pass(AggregatedHttpRequest request) implements Decision {}

    record Refuse(Refusal refusal, AggregatedHttpRequest request) implements Decision {}

    /** The projects are named in the body, which must be read first. */
    record NeedsBody() implements Decision {}
  }

  private Decision decide(Optional<Rule> found, ServiceRequestContext ctx, HttpRequest req) {
    Principal principal;
    try {
      principal = authenticator.authenticate(req.headers()).orElse(Principal.ANONYMOUS);
    } catch (Authenticator.Refused e) {
      ctx.setAttr(Principal.ATTRIBUTE, Principal.ANONYMOUS);
      log.warn("Refused credentials from {} for {} {}: {}", ctx.clientAddress().getHostAddress(), req.method(),
          ctx.path(), e.getMessage());
      return refuse(HttpStatus.UNAUTHORIZED, e.getMessage());
    }
    ctx.setAttr(Principal.ATTRIBUTE, principal);
    if (signedInByCookie(principal, req) && crossSite(req)) {
      // SameSite=Strict keeps the cookie from other sites, but not from another port or subdomain of this one.
      return refuse(HttpStatus.FORBIDDEN, "a change sent from another site with this browser's sign-in is refused");
    }
    if (found.isEmpty()) {
      log.error("No access rule for {} {}: refused", req.method(), ctx.config().route().patternString());
      return refuse(HttpStatus.FORBIDDEN, "this route has no access rule");
    }
    Rule rule = found.get();
    if (rule.role() == null) {
      return new Decision.Pass(null);
    }
    if (principal.role() == null) {
      return refuse(HttpStatus.UNAUTHORIZED, "sign in, or send an API key as 'Authorization: Bearer <key>'");
    }
    if (!principal.has(rule.role())) {
      return refuse(HttpStatus.FORBIDDEN, principal.role().wireName() + " may not do this; it needs "
          + rule.role().wireName());
    }
    if (!principal.grants().limited()) {
      return new Decision.Pass(null);
    }
    return switch (rule.scope()) {
      case Scope.Shared s -> new Decision.Pass(null);
      case Scope.Listing s -> new Decision.Pass(null);
      case Scope.Ingest s -> new Decision.Pass(null);
      case Scope.Server s -> refuse(HttpStatus.FORBIDDEN, "this is about every project, and this caller is limited"
          + " to some");
      case Scope.BodyTargets s -> new Decision.NeedsBody();
      case Scope.AlertChange s -> new Decision.NeedsBody();
      case Scope.NamedProject s -> new Decision.NeedsBody();
      default -> {
        try {
          yield check(principal, rule, targets.ofPath(rule.scope(), ctx), null);
        } catch (ApiException notFound) {
          yield new Decision.Refuse(new Refusal(notFound.status(), notFound.getMessage()), null);
        }
      }
    };
  }

  private static boolean signedInByCookie(Principal principal, HttpRequest req) {
    return principal.userId() != null && req.headers().get(HttpHeaderNames.AUTHORIZATION) == null
        && req.headers().get("api_key") == null;
  }

  /**
   * A change whose page came from another origin: its {@code Origin} names another host and port than the request's,
   * or, without one, the browser's {@code Sec-Fetch-Site} says so. Reads, and clients that send neither, pass.
   */
  private static boolean crossSite(HttpRequest req) {
    String method = req.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return false;
    }
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null) {
      try {
        java.net.URI uri = java.net.URI.create(origin);
        String authority = uri.getAuthority();
        return authority == null || !authority.equalsIgnoreCase(req.headers().authority());
      } catch (IllegalArgumentException notAUri) {
        return true;
      }
    }
    String site = req.headers().get("sec-fetch-site");
    return site != null && !site.equals("same-origin") && !site.equals("none");
  }

  private Decision decideWithBody(Rule rule, ServiceRequestContext ctx, AggregatedHttpRequest body) {
    return check(Principal.of(ctx), rule, targets.ofBody(rule.scope(), body.contentUtf8(), ctx), body);
  }

  private static Decision check(Principal principal, Rule rule, Set<String> projects, AggregatedHttpRequest body) {
    for (String project : projects) {
      if (project == null) {
        return new Decision.Refuse(new Refusal(HttpStatus.FORBIDDEN, "this is about every project, and this caller"
            + " is limited to some"), body);
      }
      boolean allowed = rule.writes() ? principal.canWrite(project) : principal.canRead(project);
      if (!allowed) {
        return new Decision.Refuse(new Refusal(HttpStatus.FORBIDDEN, "no " + (rule.writes() ? "write" : "read")
            + " access to project '" + project + "'"), body);
      }
    }
    return new Decision.Pass(body);
  }

  private static Decision refuse(HttpStatus status, String message) {
    return new Decision.Refuse(new Refusal(status, message), null);
  }

  /** The refusal as the caller's protocol says it: gRPC's status in trailers, else plain text. */
  private static HttpResponse refusal(ServiceRequestContext ctx, Refusal refusal) {
    boolean unauthenticated = refusal.status() == HttpStatus.UNAUTHORIZED;
    String contentType = ctx.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (contentType != null && contentType.startsWith("application/grpc")) {
      int code = unauthenticated ? 16 : refusal.status() == HttpStatus.FORBIDDEN ? 7 : 5;
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.parse("application/grpc"))
          .add("grpc-status", String.valueOf(code)).add("grpc-message", refusal.message()).build());
    }
    com.linecorp.armeria.common.ResponseHeadersBuilder headers = ResponseHeaders.builder(refusal.status()).contentType(MediaType.PLAIN_TEXT_UTF_8);
    if (unauthenticated) {
      headers.add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"arbor\"");
    }
    return HttpResponse.of(headers.build(), com.linecorp.armeria.common.HttpData.ofUtf8(refusal.message()));
  }
}

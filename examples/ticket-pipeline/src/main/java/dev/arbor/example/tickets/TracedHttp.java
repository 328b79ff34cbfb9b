package dev.arbor.example.tickets;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An HTTP client whose every request is an OpenTelemetry CLIENT span with the HTTP semantic conventions (method,
 * URL, server, status code, {@code error.type}), carrying the W3C {@code traceparent} header to the server. Seed
 * 004's tier 3, which Python gets from an auto-instrumentation.
 */
final class TracedHttp {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<Long> RESEND = AttributeKey.longKey("http.request.resend_count");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final HttpClient client;
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  TracedHttp(HttpClient client, Tracer tracer, TextMapPropagator propagator) {
    this.client = client;
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /** Sends {@code request}; {@code route} names the span ({@code GET /api/v2/tickets/{id}}) without ids in it. */
  HttpResponse<String> send(HttpRequest request, String route, int resendCount) throws IOException,
      InterruptedException {
    URI uri = request.uri();
    Span span = tracer.spanBuilder(request.method() + " " + route).setSpanKind(SpanKind.CLIENT)
        .setAttribute(METHOD, request.method())
        .setAttribute(URL, uri.toString())
        .setAttribute(SERVER, uri.getHost())
        .setAttribute(PORT, (long) (uri.getPort() == -1 ? ("https".equals(uri.getScheme()) ? 443 : 80) : uri.getPort()))
        .startSpan();
    if (resendCount > 0) {
      span.setAttribute(RESEND, (long) resendCount);
    }
    try (Scope ignored = span.makeCurrent()) {
      HttpRequest.Builder traced = HttpRequest.newBuilder(request, (name, value) -> true);
      propagator.inject(Context.current(), traced, HttpRequest.Builder::header);
      HttpResponse<String> response = client.send(traced.build(), HttpResponse.BodyHandlers.ofString());
      span.setAttribute(STATUS, (long) response.statusCode());
      if (response.statusCode() >= 400) {
        span.setAttribute(ERROR_TYPE, String.valueOf(response.statusCode()));
        span.setStatus(StatusCode.ERROR);
      }
      return response;
    } catch (IOException | RuntimeException e) {
      span.setAttribute(ERROR_TYPE, e.getClass().getName());
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      throw e;
    } finally {
      span.end();
    }
  }
}

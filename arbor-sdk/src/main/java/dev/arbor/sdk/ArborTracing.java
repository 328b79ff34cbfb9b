package dev.arbor.sdk;

import dev.arbor.sdk.trace.OpenInferenceTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Tracing set up by {@link Arbor#register()}: tracers, a flush, the count of dropped spans, and a close that sends
 * what is queued. When tracing is turned off ({@code ARBOR_TRACING_ENABLED=false}) every tracer is a no-op.
 */
public final class ArborTracing implements AutoCloseable {
  private static final Logger log = Logger.getLogger(ArborTracing.class.getName());

  private final OpenTelemetry openTelemetry;
  private final SdkTracerProvider provider;
  private final DroppedSpans dropped;
  private final List<Destination> destinations;
  private final String projectName;
  private final Duration closeTimeout;
  private volatile Thread shutdownHook;

  ArborTracing(OpenTelemetry openTelemetry, SdkTracerProvider provider, DroppedSpans dropped,
      List<Destination> destinations, String projectName, Duration closeTimeout) {
    this.openTelemetry = openTelemetry;
    this.provider = provider;
    this.dropped = dropped;
    this.destinations = List.copyOf(destinations);
    this.projectName = projectName;
    this.closeTimeout = closeTimeout;
  }

  static ArborTracing disabled(String projectName) {
    return new ArborTracing(OpenTelemetry.noop(), null, null, List.of(), projectName, Duration.ZERO);
  }

  /** A tracer for OpenInference spans, named after the code that uses it. */
  public OpenInferenceTracer tracer(String instrumentationName) {
    return OpenInferenceTracer.of(openTelemetry.getTracer(instrumentationName));
  }

  /** The OpenTelemetry instance, for libraries and instrumentations that take one. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  public boolean isEnabled() {
    return provider != null;
  }

  public String projectName() {
    return projectName;
  }

  /** Where spans go; empty when tracing is off. */
  public List<Destination> destinations() {
    return destinations;
  }

  /**
   * Sends every span ended so far and waits at most {@code timeout}. Returns whether every destination took them.
   * Never throws.
   */
  public boolean forceFlush(Duration timeout) {
    if (provider == null) {
      return true;
    }
    try {
      return provider.forceFlush().join(timeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Spans that did not reach a destination since start, counted once per destination: refused for a full queue or
   * lost with a failed export.
   */
  public long droppedSpans() {
    return dropped == null ? 0 : dropped.total();
  }

  void installShutdownHook() {
    Thread hook = new Thread(this::shutdown, "arbor-tracing-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      shutdownHook = hook;
    } catch (IllegalStateException e) {
      // The JVM is already stopping: close() will be the caller's to make.
    }
  }

  /** Sends what is queued (waiting at most the export timeout) and stops the export threads. Never throws. */
  @Override
  public void close() {
    Thread hook = shutdownHook;
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        return; // the JVM is stopping and the hook is doing this
      }
    }
    shutdown();
  }

  private void shutdown() {
    if (provider == null) {
      return;
    }
    try {
      if (!provider.shutdown().join(closeTimeout.toMillis(), TimeUnit.MILLISECONDS).isSuccess()) {
        log.warning("Arbor: not every queued span could be sent before shutdown");
      }
    } catch (RuntimeException e) {
      log.warning("Arbor: shutting tracing down failed: " + e.getMessage());
    }
  }
}

package dev.arbor.sdk;

import dev.arbor.sdk.redact.RedactingSpanExporter;
import dev.arbor.sdk.redact.Redaction;
import dev.arbor.sdk.trace.ContextAttributesProcessor;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sets up tracing to Arbor (or Phoenix, Langfuse, any OTLP collector) in one call.
 *
 * <pre>{@code
 * ArborTracing arbor = Arbor.register();                       // everything from the environment
 * ArborTracing arbor = Arbor.builder().setProjectName("tickets")
 *     .setEndpoint("http://localhost:6006").register();       // or in code; code wins over the environment
 * OpenInferenceTracer tracer = arbor.tracer("ticket-pipeline");
 * }</pre>
 *
 * <p>Start-up settings that cannot be read fail here, naming the variable. After that the SDK never throws into
 * the application and never blocks it: spans are queued per destination and sent on background threads; when a
 * destination is down its spans are dropped, counted ({@link ArborTracing#droppedSpans()}) and logged.
 */
public final class Arbor {
  private static final Logger log = Logger.getLogger(Arbor.class.getName());
  static final String DEFAULT_ENDPOINT = "http://localhost:6006";
  static final String LANGFUSE_CLOUD = "https://cloud.langfuse.com";

  private Arbor() {}

  /** Tracing configured from the environment only. */
  public static ArborTracing register() {
    return builder().register();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * An executor that runs each task in the context that was current when the task was submitted, so spans the
   * task starts are children of the span that submitted it. Works for thread pools, {@code CompletableFuture}'s
   * {@code *Async(…, executor)} methods and virtual-thread executors alike.
   */
  public static ExecutorService wrap(ExecutorService executor) {
    return Context.taskWrapping(executor);
  }

  public static Executor wrap(Executor executor) {
    return Context.taskWrapping(executor);
  }

  /** {@code task} bound to the current context, for a thread started by hand. */
  public static Runnable wrapRunnable(Runnable task) {
    return Context.current().wrap(task);
  }

  /** {@code supplier} bound to the current context, for {@code CompletableFuture.supplyAsync(supplier)}. */
  public static <T> Supplier<T> wrapSupplier(Supplier<T> supplier) {
    Context context = Context.current();
    return () -> {
      try (io.opentelemetry.context.Scope ignored = context.makeCurrent()) {
        return supplier.get();
      }
    };
  }

  /**
   * The settings of {@link #register()}. Each setter wins over its environment variable; each variable is read
   * from {@link #setEnvironment(Map)}, which defaults to {@link System#getenv()}.
   */
  public static final class Builder {
    private Map<String, String> env = System.getenv();
    private Boolean enabled;
    private String projectName;
    private String serviceName;
    private String endpoint;
    private Protocol protocol;
    private String apiKey;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> resourceAttributes = new LinkedHashMap<>();
    private final List<Destination> extraDestinations = new ArrayList<>();
    private boolean langfuseFromEnvironment = true;
    private Double samplingRatio;
    private Redaction redaction;
    private boolean registerGlobal = true;
    private boolean shutdownHook = true;
    private Duration scheduleDelay;
    private Integer maxQueueSize;
    private Duration exportTimeout;

    private Builder() {}

    /** Where settings are read from instead of the process environment (tests, configuration files). */
    public Builder setEnvironment(Map<String, String> environment) {
      this.env = Map.copyOf(environment);
      return this;
    }

    /** Off makes every tracer a no-op; {@code ARBOR_TRACING_ENABLED=false} (or {@code OTEL_SDK_DISABLED=true}). */
    public Builder setEnabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** The Arbor project spans land in; {@code ARBOR_PROJECT_NAME}, {@code PHOENIX_PROJECT_NAME}; "default". */
    public Builder setProjectName(String name) {
      this.projectName = name;
      return this;
    }

    /** {@code service.name}; {@code OTEL_SERVICE_NAME}. */
    public Builder setServiceName(String name) {
      this.serviceName = name;
      return this;
    }

    /**
     * Arbor's address: {@code http://localhost:6006} (HTTP, {@code /v1/traces} is added), a full
     * {@code …/v1/traces} URL, or {@code http://host:4317} for gRPC. {@code ARBOR_COLLECTOR_ENDPOINT},
     * {@code PHOENIX_COLLECTOR_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
     */
    public Builder setEndpoint(String url) {
      this.endpoint = url;
      return this;
    }

    /** Overrides the protocol the address implies; {@code OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL}. */
    public Builder setProtocol(Protocol value) {
      this.protocol = value;
      return this;
    }

    /** Sent as {@code Authorization: Bearer …}; {@code ARBOR_API_KEY}, {@code PHOENIX_API_KEY}. */
    public Builder setApiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** A header for the main destination; {@code OTEL_EXPORTER_OTLP_HEADERS}, {@code PHOENIX_CLIENT_HEADERS}. */
    public Builder setHeader(String key, String value) {
      headers.put(key, value);
      return this;
    }

    /** A resource attribute for every span; {@code OTEL_RESOURCE_ATTRIBUTES}. */
    public Builder setResourceAttribute(String key, String value) {
      resourceAttributes.put(key, value);
      return this;
    }

    /** Another place to send every span to, beside the main endpoint. */
    public Builder addDestination(Destination destination) {
      extraDestinations.add(destination);
      return this;
    }

    /**
     * Whether {@code LANGFUSE_PUBLIC_KEY} and {@code LANGFUSE_SECRET_KEY} add Langfuse as a destination
     * ({@code LANGFUSE_BASE_URL} or {@code LANGFUSE_HOST}, else Langfuse Cloud). On by default.
     */
    public Builder setLangfuseFromEnvironment(boolean value) {
      this.langfuseFromEnvironment = value;
      return this;
    }

    /** The share of traces kept, 0 to 1, decided at the root and followed by children; {@code ARBOR_SAMPLING_RATIO}. */
    public Builder setSamplingRatio(double ratio) {
      this.samplingRatio = checkRatio(ratio, "sampling ratio");
      return this;
    }

    /**
     * What to hide or mask before export, on top of what {@code OPENINFERENCE_HIDE_*} and {@code ARBOR_REDACT} say:
     * the two are merged ({@link Redaction#mergedWith}), so the environment can add to it but not undo it.
     */
    public Builder setRedaction(Redaction value) {
      this.redaction = value;
      return this;
    }

    /** Whether to install the result as {@link GlobalOpenTelemetry} (on by default, as Phoenix's register does). */
    public Builder setRegisterGlobal(boolean value) {
      this.registerGlobal = value;
      return this;
    }

    /** Whether a JVM shutdown hook sends what is queued when the application exits (on by default). */
    public Builder setShutdownHook(boolean value) {
      this.shutdownHook = value;
      return this;
    }

    /** How long spans wait to be sent in a batch; 1 s by default, {@code OTEL_BSP_SCHEDULE_DELAY} (ms). */
    public Builder setScheduleDelay(Duration delay) {
      this.scheduleDelay = delay;
      return this;
    }

    /** Spans held per destination before new ones are dropped; 2048, {@code OTEL_BSP_MAX_QUEUE_SIZE}. */
    public Builder setMaxQueueSize(int spans) {
      this.maxQueueSize = spans;
      return this;
    }

    /** How long one export may take; 10 s by default, {@code OTEL_EXPORTER_OTLP_TIMEOUT} (ms). */
    public Builder setExportTimeout(Duration timeout) {
      this.exportTimeout = timeout;
      return this;
    }

    static double checkRatio(double ratio, String name) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1: " + ratio);
      }
      return ratio;
    }

    /**
     * Builds tracing and, unless turned off, installs it globally.
     *
     * @throws IllegalArgumentException naming the setting when one cannot be read
     */
    public ArborTracing register() {
      Environment e = new Environment(env);
      String project = projectName != null ? projectName : e.first("ARBOR_PROJECT_NAME", "PHOENIX_PROJECT_NAME");
      if (project == null) {
        project = "default";
      }
      if (!isEnabled(e)) {
        log.info("Arbor tracing is off (ARBOR_TRACING_ENABLED=false): spans are not recorded");
        return ArborTracing.disabled(project);
      }
      List<Destination> destinations = new ArrayList<>();
      destinations.add(Destinations.main(e, endpoint, protocol, apiKey, headers));
      Destination langfuse = langfuseFromEnvironment ? Destinations.langfuse(e) : null;
      if (langfuse != null) {
        destinations.add(langfuse);
      }
      destinations.addAll(extraDestinations);

      Redaction fromEnvironment = Redaction.fromEnvironment(env).build();
      Redaction redact = redaction == null ? fromEnvironment : redaction.mergedWith(fromEnvironment);
      Long timeoutMillis = e.number(e.firstName("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT",
          "OTEL_BSP_EXPORT_TIMEOUT"), 1, 600_000);
      Duration timeout = exportTimeout != null ? exportTimeout : Duration.ofMillis(orDefault(timeoutMillis, 10_000));
      Duration delay = scheduleDelay != null ? scheduleDelay
          : Duration.ofMillis(orDefault(e.number("OTEL_BSP_SCHEDULE_DELAY", 0, 600_000), 1_000));
      int queue = maxQueueSize != null ? maxQueueSize
          : (int) orDefault(e.number("OTEL_BSP_MAX_QUEUE_SIZE", 1, 10_000_000), 2048);
      int batch = (int) Math.min(queue, orDefault(e.number("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 1, 100_000), 512));
      String compression = e.first("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
      if (compression == null) {
        compression = "none"; // OpenTelemetry's default: gzip costs the application CPU to save bandwidth
      } else if (!compression.equals("gzip") && !compression.equals("none")) {
        throw new IllegalArgumentException(e.firstName("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
            "OTEL_EXPORTER_OTLP_COMPRESSION") + " must be gzip or none: " + compression);
      }
      Double ratio = samplingRatio != null ? samplingRatio : e.ratio("ARBOR_SAMPLING_RATIO");

      DroppedSpans dropped = new DroppedSpans();
      SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(dropped).build();
      SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
          .setResource(resource(e, project))
          .setSampler(ratio == null ? Sampler.parentBased(Sampler.alwaysOn())
              : Sampler.parentBased(Sampler.traceIdRatioBased(ratio)))
          .addSpanProcessor(new ContextAttributesProcessor());
      for (Destination d : destinations) {
        // Counting outermost, so that a batch lost to a failing rule is counted too.
        SpanExporter exporter = new CountingSpanExporter(
            new RedactingSpanExporter(Destinations.exporter(d, timeout, compression), redact), d, dropped);
        tracing.addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setScheduleDelay(delay)
            .setMaxQueueSize(queue)
            .setMaxExportBatchSize(batch)
            .setExporterTimeout(timeout)
            .setMeterProvider(meters)
            .build());
      }
      SdkTracerProvider provider = tracing.build();
      OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
      if (registerGlobal) {
        try {
          GlobalOpenTelemetry.set(sdk);
        } catch (IllegalStateException already) {
          log.warning("Arbor: OpenTelemetry was already set up globally in this JVM; Arbor's tracers still work, "
              + "but spans from GlobalOpenTelemetry go to the earlier set-up");
        }
      }
      ArborTracing result = new ArborTracing(sdk, provider, dropped, destinations, project,
          timeout.plusSeconds(1));
      if (shutdownHook) {
        result.installShutdownHook();
      }
      log.info("Arbor tracing: project '" + project + "' to " + destinations);
      return result;
    }

    private boolean isEnabled(Environment e) {
      if (enabled != null) {
        return enabled;
      }
      Boolean arbor = e.bool("ARBOR_TRACING_ENABLED");
      if (arbor != null) {
        return arbor;
      }
      return !Boolean.TRUE.equals(e.bool("OTEL_SDK_DISABLED"));
    }

    private Resource resource(Environment e, String project) {
      AttributesBuilder attributes = Attributes.builder();
      e.pairs("OTEL_RESOURCE_ATTRIBUTES").forEach(attributes::put);
      resourceAttributes.forEach(attributes::put);
      String service = serviceName != null ? serviceName : e.first("OTEL_SERVICE_NAME");
      if (service != null) {
        attributes.put("service.name", service);
      }
      attributes.put("openinference.project.name", project);
      return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    /**
     * The exporter of one destination. Its own metrics go nowhere: by default they would be read from
     * {@code GlobalOpenTelemetry}, which would install a no-op there before the application sets its own.
     */
    private static long orDefault(Long value, long otherwise) {
      return value == null ? otherwise : value;
    }
  }
}

package dev.arbor.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.file.HttpFile;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.annotation.JacksonResponseConverterFunction;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.server.access.AccessControl;
import dev.arbor.server.access.AccessService;
import dev.arbor.server.alerts.AlertEvaluator;
import dev.arbor.server.alerts.WebhookTargets;
import dev.arbor.server.audit.AuditRecorder;
import dev.arbor.server.api.AlertsApi;
import dev.arbor.server.api.AnnotationsApi;
import dev.arbor.server.api.AuditApi;
import dev.arbor.server.api.AuthApi;
import dev.arbor.server.api.UsersApi;
import dev.arbor.server.api.RetentionApi;
import dev.arbor.server.api.Identifiers;
import dev.arbor.server.retention.Retention;
import dev.arbor.server.api.ApiExceptionHandler;
import dev.arbor.server.api.ApiJson;
import dev.arbor.server.api.MetricsApi;
import dev.arbor.server.api.PricesApi;
import dev.arbor.server.api.RedactionApi;
import dev.arbor.server.api.ProjectsApi;
import dev.arbor.server.api.SessionsApi;
import dev.arbor.server.api.SpanSearchApi;
import dev.arbor.server.api.SpansApi;
import dev.arbor.server.api.TracesApi;
import dev.arbor.server.api.UiApi;
import dev.arbor.server.change.ChangeService;
import dev.arbor.server.config.ArborConfig;
import dev.arbor.server.config.StoreConfig;
import dev.arbor.server.ingest.IngestPipeline;
import dev.arbor.server.otlp.InflightLimit;
import dev.arbor.server.otlp.OtlpGrpcService;
import dev.arbor.server.otlp.OtlpHttpService;
import dev.arbor.server.pricing.Pricing;
import dev.arbor.server.redaction.RedactionRules;
import dev.arbor.server.query.QueryService;
import dev.arbor.server.ui.UiAssets;
import dev.arbor.store.SpanStore;
import dev.arbor.store.duckdb.DuckDbSettings;
import dev.arbor.store.duckdb.DuckDbSpanStore;
import dev.arbor.store.postgres.PostgresSpanStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Arbor server: opens the store, starts the ingest pipeline and the HTTP and gRPC listeners. Tests
 * and {@code main} build it the same way, through {@link #start(ArborConfig)}.
 */
public final class ArborServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ArborServer.class);
  public static final String OTLP_HTTP_PATH = "/v1/traces";
  public static final String LANGFUSE_OTLP_PATH = "/api/public/otel/v1/traces";

  private final SpanStore store;
  private final Pricing pricing;
  private final RedactionRules redaction;
  private final AlertEvaluator alerts;
  private final Retention retention;
  private final IngestPipeline pipeline;
  private final Server server;
  private final ArborConfig config;

  private ArborServer(ArborConfig config, SpanStore store, Pricing pricing, RedactionRules redaction,
      AlertEvaluator alerts, Retention retention, IngestPipeline pipeline, Server server) {
    this.config = config;
    this.store = store;
    this.pricing = pricing;
    this.redaction = redaction;
    this.alerts = alerts;
    this.retention = retention;
    this.pipeline = pipeline;
    this.server = server;
  }

  public static ArborServer start(ArborConfig config) {
    SpanStore store = openStore(config.store());
    Pricing pricing;
    RedactionRules redaction;
    try {
      pricing = Pricing.create(store, config.prices());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      redaction = RedactionRules.create(store.redactionRules(), config.redactionRules());
    } catch (RuntimeException e) {
      pricing.close();
      store.close();
      throw e;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestPipeline pipeline = IngestPipeline.create(store, pricing, redaction, config.ingestQueueBytes(),
        config.ingestBatchSpans(), registry);
    ServerBuilder sb = Server.builder();
    InetSocketAddress http = new InetSocketAddress(config.host(), config.port());
    InetSocketAddress grpc = new InetSocketAddress(config.host(), config.grpcPort());
    sb.port(http, SessionProtocol.HTTP).port(grpc, SessionProtocol.HTTP);
    String base = "http://" + hostForUrl(config.host()) + ":" + config.port();
    WebhookTargets webhooks = new WebhookTargets(config.auth().webhooksToPrivateAddresses());
    AlertEvaluator alerts = AlertEvaluator.start(store.alerts(), QueryService.create(store), base, webhooks,
        java.time.Duration.ofSeconds(config.alertIntervalSeconds()));
    AccessService accounts = new AccessService(store.access(), config.auth(), java.time.Clock.systemUTC());
    Retention retention = Retention.start(store.retention(),
        java.time.Duration.ofSeconds(config.retentionIntervalSeconds()), java.time.Clock.systemUTC());
    configureServices(sb, config, store, pricing, redaction, alerts, pipeline, registry, accounts, retention);
    Server server = sb.build();
    try {
      server.start().join();
    } catch (RuntimeException e) {
      pipeline.close();
      alerts.close();
      retention.close();
      redaction.close();
      pricing.close();
      store.close();
      throw new IllegalStateException("cannot listen on " + config.host() + " ports " + config.port() + " and "
          + config.grpcPort() + ": " + rootMessage(e), e);
    }
    ArborServer arbor = new ArborServer(config, store, pricing, redaction, alerts, retention, pipeline, server);
    accounts.bootstrap(base);
    log.info("Arbor {} is ready. UI: {}/  OTLP/HTTP: {}{}  OTLP/gRPC: http://{}:{}  Store: {}", Version.ARBOR, base,
        base, OTLP_HTTP_PATH, hostForUrl(config.host()), arbor.grpcPort(), config.store().describe());
    return arbor;
  }

  private static SpanStore openStore(StoreConfig store) {
    return switch (store) {
      case StoreConfig.DuckDb duck -> DuckDbSpanStore.open(new DuckDbSettings(duck.file(), duck.checkpointThreshold(),
          null), duck.rollupAttribute());
      case StoreConfig.Postgres postgres -> PostgresSpanStore.open(postgres.settings(), postgres.rollupAttribute());
    };
  }

  /** Wires every service onto {@code sb}; the one place the server's routes are declared. */
  static void configureServices(ServerBuilder sb, ArborConfig config, SpanStore store, Pricing pricing,
      RedactionRules redaction, AlertEvaluator alerts, IngestPipeline pipeline, PrometheusMeterRegistry registry,
      AccessService accounts, Retention retention) {
    OtlpDecoder decoder = OtlpDecoder.create(config.maxAttributeChars());
    QueryService queries = QueryService.create(store);
    AccessControl access = AccessControl.create(config.auth().enabled(), store.access(), queries, store.alerts(),
        java.time.Clock.systemUTC());
    AuditRecorder audit = new AuditRecorder(store);
    // Bodies being read are bounded like the spans waiting to commit; both refuse with "retry later".
    InflightLimit inflight = InflightLimit.create(config.ingestQueueBytes(), registry);
    HttpService otlpHttp = inflight.decorator(pipeline::isFull, OtlpHttpService::busy)
        .apply(new OtlpHttpService(pipeline, decoder, config.maxRequestBytes()));
    sb.meterRegistry(registry)
        .maxRequestLength(config.maxRequestBytes())
        // An export is answered after its commit; under load that can take seconds, and a timeout here
        // would only make the exporter send the same spans again.
        .requestTimeout(java.time.Duration.ofSeconds(60))
        // On stop, requests in flight are still answered once their spans are committed.
        .gracefulShutdownTimeout(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(30))
        .decorator((delegate, ctx, req) -> {
          ctx.addAdditionalResponseHeader(Version.PHOENIX_VERSION_HEADER, Version.PHOENIX_COMPATIBLE);
          return delegate.serve(ctx, req);
        })
        .decorator((delegate, ctx, req) -> access.serve(service -> (c, r) -> audit.serve(service, c, r), delegate,
            ctx, req))
        .service(GrpcService.builder()
            .addService(new OtlpGrpcService(pipeline, decoder))
            .maxRequestMessageLength((int) Math.min(Integer.MAX_VALUE, config.maxRequestBytes()))
            .useBlockingTaskExecutor(true)
            .build(), inflight.decorator(pipeline::isFull, OtlpGrpcService::busy))
        .service(OTLP_HTTP_PATH, otlpHttp)
        .service(LANGFUSE_OTLP_PATH, otlpHttp);
    ChangeService changes = ChangeService.create(store, pricing, redaction);
    for (Object api : List.of(new ProjectsApi(queries, changes), new SpansApi(queries, changes, pipeline),
        new SpanSearchApi(queries), new TracesApi(queries, changes), new SessionsApi(queries, changes),
        new AnnotationsApi(queries, changes), new UiApi(queries), new PricesApi(pricing),
        new MetricsApi(queries, java.time.Clock.systemUTC()), new AlertsApi(store.alerts(), alerts, queries,
            new WebhookTargets(config.auth().webhooksToPrivateAddresses())),
        new RedactionApi(redaction), new AuditApi(store.audit()), new AuthApi(accounts), new UsersApi(accounts),
        new RetentionApi(store.retention(), retention, new Identifiers(queries)))) {
      sb.annotatedService()
          .responseConverters(new JacksonResponseConverterFunction(ApiJson.MAPPER))
          .exceptionHandlers(new ApiExceptionHandler())
          .build(api);
    }
    sb.service("/healthz", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ok"))
        .service("/readyz", (ctx, req) -> HttpResponse.from(() -> ready(store, pipeline), ctx.blockingTaskExecutor()))
        .service("/arize_phoenix_version",
            (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, Version.PHOENIX_COMPATIBLE))
        .service("/openapi.json", HttpFile.of(ArborServer.class.getClassLoader(), "api/openapi.json").asService())
        .service("/docs", HttpFile.of(ArborServer.class.getClassLoader(), "api/docs.html").asService())
        .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK,
            MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), registry.scrape()))
        .serviceUnder("/", UiAssets.service());
  }

  private static HttpResponse ready(SpanStore store, IngestPipeline pipeline) {
    if (!pipeline.isWriterAlive()) {
      return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "ingest writer stopped");
    }
    try {
      store.checkHealth();
      return HttpResponse.of(HttpStatus.OK, MediaType.PLAIN_TEXT_UTF_8, "ready");
    } catch (RuntimeException e) {
      log.warn("Readiness check failed: {}", e.getMessage());
      return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.PLAIN_TEXT_UTF_8, "store unavailable");
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Every route the server answers, as {@code METHOD /path/{param}}, for the test that checks the API document. */
  List<String> routes() {
    return server.serviceConfigs().stream()
        .flatMap(c -> c.route().methods().stream().map(m -> m + " " + c.route().patternString()))
        .distinct().sorted().toList();
  }

  public int httpPort() {
    return config.port();
  }

  public int grpcPort() {
    return config.grpcPort();
  }

  /** Stops taking requests, commits what is queued, then closes the store. */
  @Override
  public void close() {
    server.stop().join();
    pipeline.close();
    alerts.close();
    retention.close();
    redaction.close();
    pricing.close();
    store.close();
    log.info("Arbor stopped");
  }
}

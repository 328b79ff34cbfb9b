package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Spans made with the real OpenTelemetry SDK and sent with its OTLP/HTTP exporter, as an application would. */
final class OtelSender {
  private OtelSender() {}

  /** Runs {@code spans} with a tracer for {@code project}, then flushes and checks that the export was acknowledged. */
  static void send(int port, String project, Consumer<Tracer> spans) {
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            AttributeKey.stringKey("openinference.project.name"), project))))
        .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + port + "/v1/traces").build()).build())
        .build();
    spans.accept(provider.get("arbor-it"));
    CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
    provider.shutdown().join(20, TimeUnit.SECONDS);
    assertThat(flushed.isSuccess()).as("export acknowledged").isTrue();
  }
}

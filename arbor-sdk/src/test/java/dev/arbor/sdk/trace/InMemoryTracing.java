package dev.arbor.sdk.trace;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** A tracer whose ended spans stay in memory, with the context processor the SDK installs. */
final class InMemoryTracing implements AutoCloseable {
  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(new ContextAttributesProcessor())
      .addSpanProcessor(SimpleSpanProcessor.create(exporter))
      .build();
  final OpenInferenceTracer tracer = OpenInferenceTracer.of(provider.get("test"));

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  SpanData span(String name) {
    return spans().stream().filter(s -> s.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span named " + name + " in " + spans()));
  }

  @Override
  public void close() {
    provider.close();
  }
}

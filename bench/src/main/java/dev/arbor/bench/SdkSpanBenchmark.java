package dev.arbor.bench;

import dev.arbor.sdk.trace.ContextAttributesProcessor;
import dev.arbor.sdk.trace.LlmSpan;
import dev.arbor.sdk.trace.Message;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import dev.arbor.sdk.trace.TokenCount;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The application thread's cost of one LLM span with two input messages, one output message, invocation parameters
 * and token counts (15 attributes): written with Arbor's helpers, and written by hand with the plain OpenTelemetry
 * API. Both tracers end in a BatchSpanProcessor whose exporter drops what it gets, so only the span's creation and
 * hand-off is timed.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SdkSpanBenchmark {
  private static final String SYSTEM = "You synthesize support tickets for the support leadership team.";
  private static final String PROMPT = "Ticket 78788: Workflow stuck in approval step\nStatus: open, priority: high";
  private static final String ANSWER = "{\"issue_reported\":\"Workflow stuck\",\"root_cause\":\"timeout\"}";
  private static final Map<String, Object> PARAMETERS = Map.of("temperature", 0.3, "max_tokens", 2000);

  private SdkTracerProvider plainProvider;
  private SdkTracerProvider arborProvider;
  private Tracer plain;
  private OpenInferenceTracer arbor;

  @Setup(Level.Trial)
  public void setUp() {
    plainProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new Discard()).build())
        .build();
    // What Arbor.register() installs: the context-attributes processor, then a batch processor per destination.
    arborProvider = SdkTracerProvider.builder().addSpanProcessor(new ContextAttributesProcessor())
        .addSpanProcessor(BatchSpanProcessor.builder(new Discard()).build()).build();
    plain = plainProvider.get("bench");
    arbor = OpenInferenceTracer.of(arborProvider.get("bench"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    plainProvider.close();
    arborProvider.close();
  }

  @Benchmark
  public void plainOpenTelemetry() {
    Span span = plain.spanBuilder("LLM Call - Gemini").setAttribute("openinference.span.kind", "LLM").startSpan();
    Scope scope = span.makeCurrent();
    try {
      span.setAttribute("llm.model_name", "gemini-2.5-flash");
      span.setAttribute("llm.provider", "google");
      span.setAttribute("llm.system", "vertexai");
      span.setAttribute("llm.invocation_parameters", "{\"temperature\":0.3,\"max_tokens\":2000}");
      span.setAttribute("llm.input_messages.0.message.role", "system");
      span.setAttribute("llm.input_messages.0.message.content", SYSTEM);
      span.setAttribute("llm.input_messages.1.message.role", "user");
      span.setAttribute("llm.input_messages.1.message.content", PROMPT);
      span.setAttribute("llm.output_messages.0.message.role", "assistant");
      span.setAttribute("llm.output_messages.0.message.content", ANSWER);
      span.setAttribute("llm.token_count.prompt", 1200L);
      span.setAttribute("llm.token_count.completion", 300L);
      span.setAttribute("llm.token_count.total", 1500L);
      span.setAttribute("llm.token_count.prompt_details.cache_read", 1000L);
    } finally {
      scope.close();
      span.end();
    }
  }

  @Benchmark
  public void arborHelpers() {
    try (LlmSpan span = arbor.llm("LLM Call - Gemini").start()) {
      span.setModelName("gemini-2.5-flash").setProvider("google").setSystem("vertexai")
          .setInvocationParameters(PARAMETERS)
          .setInputMessages(List.of(Message.system(SYSTEM), Message.user(PROMPT)))
          .setOutputMessages(List.of(Message.assistant(ANSWER)))
          .setTokenCount(TokenCount.of(1200, 300).withCacheRead(1000));
    }
  }

  /** The same, with the parameters in a new mutable map each time: their JSON is written every time. */
  @Benchmark
  public void arborHelpersFreshParameters() {
    Map<String, Object> parameters = new java.util.LinkedHashMap<>();
    parameters.put("temperature", 0.3);
    parameters.put("max_tokens", 2000);
    try (LlmSpan span = arbor.llm("LLM Call - Gemini").start()) {
      span.setModelName("gemini-2.5-flash").setProvider("google").setSystem("vertexai")
          .setInvocationParameters(parameters)
          .setInputMessages(List.of(Message.system(SYSTEM), Message.user(PROMPT)))
          .setOutputMessages(List.of(Message.assistant(ANSWER)))
          .setTokenCount(TokenCount.of(1200, 300).withCacheRead(1000));
    }
  }

  /** Takes every batch and drops it. */
  static final class Discard implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}

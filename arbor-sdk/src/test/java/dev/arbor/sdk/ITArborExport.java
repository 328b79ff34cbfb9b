package dev.arbor.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbor.sdk.redact.Redaction;
import dev.arbor.sdk.redact.RedactionRule;
import dev.arbor.sdk.trace.ChainSpan;
import dev.arbor.sdk.trace.LlmSpan;
import dev.arbor.sdk.trace.Message;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import dev.arbor.sdk.trace.TokenCount;
import dev.arbor.testkit.LocalArbor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SDK against real Arbor servers: what it sends arrives, over both protocols and to several destinations. */
class ITArborExport {
  private static LocalArbor arbor;
  private static LocalArbor second;

  @BeforeAll
  static void start() {
    arbor = LocalArbor.start();
    second = LocalArbor.start();
  }

  @AfterAll
  static void stop() {
    arbor.close();
    second.close();
  }

  private static Arbor.Builder builder(String project) {
    return Arbor.builder().setEnvironment(Map.of()).setRegisterGlobal(false).setShutdownHook(false)
        .setProjectName(project);
  }

  @Test
  void overHttp_anLlmSpanArrivesInTheProjectWithItsModelMessagesAndTokens() {
    try (ArborTracing tracing = builder("sdk-http").setEndpoint(arbor.httpUrl()).register()) {
      sendOneTrace(tracing.tracer("it"));
      assertThat(tracing.forceFlush(Duration.ofSeconds(10))).isTrue();
    }
    List<JsonNode> spans = arbor.spans("sdk-http");
    assertThat(spans).extracting(s -> s.path("name").asText()).containsExactlyInAnyOrder("answer", "llm call");
    JsonNode llm = spans.stream().filter(s -> s.path("name").asText().equals("llm call")).findFirst().orElseThrow();
    assertThat(llm.path("span_kind").asText()).isEqualTo("LLM");
    assertThat(llm.path("attributes").path("llm.model_name").asText()).isEqualTo("gpt-4o-mini");
    assertThat(llm.path("attributes").path("llm.token_count.prompt").asLong()).isEqualTo(120);
    assertThat(llm.path("attributes").path("llm.input_messages.0.message.content").asText())
        .isEqualTo("Where is ticket 4711?");
  }

  @Test
  void overGrpc_spansArriveToo() {
    try (ArborTracing tracing = builder("sdk-grpc").setEndpoint(arbor.grpcUrl()).setProtocol(Protocol.GRPC)
        .register()) {
      sendOneTrace(tracing.tracer("it"));
      assertThat(tracing.forceFlush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(arbor.spans("sdk-grpc")).hasSize(2);
  }

  @Test
  void dualExport_bothDestinationsGetTheSameTraces_theSecondThroughLangfusesPathAndAuth() {
    try (ArborTracing tracing = builder("sdk-dual").setEndpoint(arbor.httpUrl())
        .addDestination(Destination.langfuse(second.httpUrl(), "pk-lf-test", "sk-lf-test")).register()) {
      for (int i = 0; i < 5; i++) {
        sendOneTrace(tracing.tracer("it"));
      }
      assertThat(tracing.forceFlush(Duration.ofSeconds(10))).isTrue();
    }
    Set<String> first = traceIds(arbor.spans("sdk-dual"));
    assertThat(first).hasSize(5);
    assertThat(traceIds(second.spans("sdk-dual"))).isEqualTo(first);
  }

  @Test
  void aDestinationThatNeverAnswers_doesNotHoldUpTheOther_andItsSpansAreCountedAsDropped() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // takes the connection and never answers
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String silentUrl = "http://127.0.0.1:" + silent.getLocalPort();
      ArborTracing tracing = builder("sdk-dead").setEndpoint(arbor.httpUrl())
          .addDestination(Destination.otlp(silentUrl).withName("silent"))
          .setExportTimeout(Duration.ofSeconds(2)).setScheduleDelay(Duration.ofMillis(100)).register();
      // Three batches, each sent while the silent destination is still waiting on the one before: a processor
      // shared by both destinations would hold each batch for Arbor until the silent export timed out (2 s).
      for (int batch = 1; batch <= 3; batch++) {
        sendOneTrace(tracing.tracer("it"));
        int expected = 2 * batch;
        waitFor(() -> arbor.spans("sdk-dead").size() == expected, Duration.ofSeconds(1));
        Thread.sleep(500);
      }
      tracing.close();
      // The silent destination's exports time out (possibly after retries): its six spans are then counted.
      waitFor(() -> tracing.droppedSpans() == 6, Duration.ofSeconds(30));
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void aFullQueue_dropsNewSpansWithoutBlockingTheApplication_andCountsThem() throws Exception {
    int refused = LocalArbor.freePort(); // nothing listens there: every export fails
    ArborTracing tracing = builder("sdk-queue").setEndpoint("http://127.0.0.1:" + refused)
        .setMaxQueueSize(4).setScheduleDelay(Duration.ofSeconds(30)).setExportTimeout(Duration.ofSeconds(1))
        .register();
    try {
      OpenInferenceTracer tracer = tracing.tracer("it");
      for (int i = 0; i < 50; i++) {
        try (ChainSpan span = tracer.chain("span " + i).start()) {
          span.setAttribute("i", i);
        }
      }
      // The queue holds four, and the worker may take a batch of four out while the loop runs: 42 to 46 refused.
      assertThat(tracing.droppedSpans()).as("refused by the full queue").isBetween(42L, 46L);
    } finally {
      tracing.close();
    }
    waitFor(() -> tracing.droppedSpans() == 50, Duration.ofSeconds(20));
  }

  @Test
  void redaction_happensBeforeExport_soArborNeverStoresTheOriginal() {
    try (ArborTracing tracing = builder("sdk-redact").setEndpoint(arbor.httpUrl())
        .setRedaction(Redaction.builder().addRule(RedactionRule.EMAIL).setHideOutputs(true).build()).register()) {
      try (LlmSpan llm = tracing.tracer("it").llm("mail").start()) {
        llm.setInput("Reply to ana@example.com").setOutput("Dear Ana, …");
      }
      assertThat(tracing.forceFlush(Duration.ofSeconds(10))).isTrue();
    }
    JsonNode attributes = arbor.spans("sdk-redact").get(0).path("attributes");
    assertThat(attributes.path("input.value").asText()).isEqualTo("Reply to [REDACTED:email]");
    assertThat(attributes.path("output.value").asText()).isEqualTo(Redaction.REDACTED);
  }

  private static void sendOneTrace(OpenInferenceTracer tracer) {
    try (ChainSpan root = tracer.chain("answer").start()) {
      root.setInput("Where is ticket 4711?");
      try (LlmSpan llm = tracer.llm("llm call").start()) {
        llm.setModelName("gpt-4o-mini").setProvider("openai")
            .setInputMessages(List.of(Message.user("Where is ticket 4711?")))
            .setOutputMessages(List.of(Message.assistant("It is open.")))
            .setTokenCount(TokenCount.of(120, 8));
      }
      root.setOutput("It is open.");
    }
  }

  private static Set<String> traceIds(List<JsonNode> spans) {
    return spans.stream().map(s -> s.path("context").path("trace_id").asText()).collect(Collectors.toSet());
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout);
      }
      Thread.sleep(20);
    }
  }
}

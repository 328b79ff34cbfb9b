package dev.arbor.sdk.trace;

import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.sdk.Arbor;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {
  private final InMemoryTracing tracing = new InMemoryTracing();

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void contextAttributes_applyToEverySpanInside_andInnerScopesAddToOuterOnes() {
    try (Scope outer = ContextAttributes.builder().setSessionId("chat-1").setUserId("ana")
        .putMetadata("tenant", "acme").addTag("beta").build().makeCurrent()) {
      try (ChainSpan first = tracing.tracer.chain("first").start()) {
        first.setInput("hi");
      }
      try (Scope inner = ContextAttributes.builder().setUserId("bo").putMetadata("step", 2).addTag("retry")
          .build().makeCurrent()) {
        try (LlmSpan second = tracing.tracer.llm("second").start()) {
          second.setModelName("m");
        }
      }
    }
    try (ChainSpan after = tracing.tracer.chain("after").start()) {
      after.setInput("bye");
    }
    SpanData first = tracing.span("first");
    assertThat(first.getAttributes().get(stringKey("session.id"))).isEqualTo("chat-1");
    assertThat(first.getAttributes().get(stringKey("user.id"))).isEqualTo("ana");
    assertThat(first.getAttributes().get(stringKey("metadata"))).isEqualTo("{\"tenant\":\"acme\"}");
    assertThat(first.getAttributes().get(stringArrayKey("tag.tags"))).containsExactly("beta");
    SpanData second = tracing.span("second");
    assertThat(second.getAttributes().get(stringKey("session.id"))).isEqualTo("chat-1");
    assertThat(second.getAttributes().get(stringKey("user.id"))).isEqualTo("bo");
    assertThat(second.getAttributes().get(stringKey("metadata"))).isEqualTo("{\"tenant\":\"acme\",\"step\":2}");
    assertThat(second.getAttributes().get(stringArrayKey("tag.tags"))).containsExactly("beta", "retry");
    assertThat(tracing.span("after").getAttributes().get(stringKey("session.id"))).isNull();
  }

  @Test
  void wrappedThreadPool_runsParallelWorkAsSiblingsUnderTheSubmittingSpan() throws Exception {
    ExecutorService pool = Arbor.wrap(Executors.newFixedThreadPool(2));
    try {
      assertParallelPhasesAreSiblings(pool);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void wrappedVirtualThreads_runParallelWorkAsSiblingsUnderTheSubmittingSpan() throws Exception {
    ExecutorService virtual = Arbor.wrap(Executors.newVirtualThreadPerTaskExecutor());
    try {
      assertParallelPhasesAreSiblings(virtual);
    } finally {
      virtual.shutdown();
    }
  }

  @Test
  void supplyAsyncWithAWrappedSupplier_keepsTheParentAndTheContextAttributes() throws Exception {
    try (Scope session = ContextAttributes.builder().setSessionId("s-9").build().makeCurrent();
        ChainSpan root = tracing.tracer.chain("root").start()) {
      CompletableFuture.supplyAsync(Arbor.wrapSupplier(() -> {
        try (LlmSpan call = tracing.tracer.llm("async").start()) {
          return call.setModelName("m");
        }
      })).get(10, TimeUnit.SECONDS);
      root.setOutput("done");
    }
    SpanData async = tracing.span("async");
    assertThat(async.getParentSpanId()).isEqualTo(tracing.span("root").getSpanId());
    assertThat(async.getAttributes().get(stringKey("session.id"))).isEqualTo("s-9");
  }

  private void assertParallelPhasesAreSiblings(ExecutorService executor) throws Exception {
    CountDownLatch bothStarted = new CountDownLatch(2);
    try (ChainSpan root = tracing.tracer.chain("Process Tickets").start()) {
      List<CompletableFuture<Void>> phases = List.of("Phase 3a", "Phase 3b").stream()
          .map(name -> CompletableFuture.runAsync(() -> {
            try (ChainSpan phase = tracing.tracer.chain(name).start()) {
              bothStarted.countDown();
              await(bothStarted);
              try (LlmSpan call = tracing.tracer.llm(name + " call").start()) {
                call.setModelName("m");
              }
            }
          }, executor))
          .toList();
      CompletableFuture.allOf(phases.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      root.setOutput("ok");
    }
    String rootId = tracing.span("Process Tickets").getSpanId();
    SpanData a = tracing.span("Phase 3a");
    SpanData b = tracing.span("Phase 3b");
    assertThat(a.getParentSpanId()).isEqualTo(rootId);
    assertThat(b.getParentSpanId()).isEqualTo(rootId);
    assertThat(a.getStartEpochNanos()).as("the phases overlap").isLessThan(b.getEndEpochNanos());
    assertThat(b.getStartEpochNanos()).isLessThan(a.getEndEpochNanos());
    assertThat(tracing.span("Phase 3a call").getParentSpanId()).isEqualTo(a.getSpanId());
    assertThat(tracing.span("Phase 3b call").getParentSpanId()).isEqualTo(b.getSpanId());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the phases did not run at the same time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.arbor.server.config.ArborConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a queue budget smaller than one request, concurrent senders are told to retry (HTTP 503 with
 * Retry-After, gRPC UNAVAILABLE) instead of growing the heap, and every acknowledged span is stored.
 */
class ITBackpressure {
  private static final int SENDERS = 12;
  private static final int SPANS_PER_REQUEST = 1000;

  @TempDir
  Path dir;
  ArborServer server;
  ApiClient api;

  @BeforeEach
  void start() {
    server = ArborServer.start(RunningServer.testConfig(dir)
        .withIngestQueueBytes(1 << 20));
    api = new ApiClient(server.httpPort());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static <T> List<T> concurrently(Callable<T> send) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      CyclicBarrier barrier = new CyclicBarrier(SENDERS);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        futures.add(pool.submit(() -> {
          barrier.await();
          return send.call();
        }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The writer gives the budget back right after answering, so the gauge reaches zero within moments. */
  private void assertQueueDrains() throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    String metrics;
    do {
      metrics = ApiClient.text(api.get("/metrics"));
      if (metrics.contains("arbor_ingest_queue_bytes 0.0")) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    assertThat(metrics).contains("arbor_ingest_queue_bytes 0.0");
  }

  @Test
  void http_fullQueueAnswers503WithRetryAfter_andAcknowledgedSpansAreStored() throws Exception {
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    List<HttpResponse<byte[]>> responses = concurrently(() -> api.post("/v1/traces", "application/x-protobuf",
        OtlpRequests.llmSpans("pressure", next.getAndAdd(SPANS_PER_REQUEST), SPANS_PER_REQUEST, 1500).toByteArray()));

    long accepted = responses.stream().filter(r -> r.statusCode() == 200).count();
    List<HttpResponse<byte[]>> refused = responses.stream().filter(r -> r.statusCode() == 503).toList();
    assertThat(accepted + refused.size()).isEqualTo(SENDERS);
    assertThat(accepted).isPositive();
    assertThat(refused).isNotEmpty().allSatisfy(r -> assertThat(r.headers().firstValue("retry-after")).hasValue("1"));
    assertThat(api.allSpans("pressure")).hasSize((int) accepted * SPANS_PER_REQUEST);
    assertQueueDrains();
    assertThat(ApiClient.text(api.get("/metrics"))).contains("arbor_exports_refused_total ")
        .doesNotContain("arbor_exports_refused_total 0.0");
  }

  @Test
  void grpc_fullQueueAnswersUnavailable() throws Exception {
    TraceServiceGrpc.TraceServiceBlockingStub stub = GrpcClients.builder("http://127.0.0.1:" + server.grpcPort())
        .maxRequestMessageLength(64 << 20).build(TraceServiceGrpc.TraceServiceBlockingStub.class);
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

    List<Status.Code> codes = concurrently(() -> {
      try {
        stub.export(OtlpRequests.llmSpans("grpc-pressure", next.getAndAdd(SPANS_PER_REQUEST), SPANS_PER_REQUEST, 1500));
        return Status.Code.OK;
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode();
      }
    });

    assertThat(codes).containsOnly(Status.Code.OK, Status.Code.UNAVAILABLE).contains(Status.Code.OK, Status.Code.UNAVAILABLE);
    long ok = codes.stream().filter(c -> c == Status.Code.OK).count();
    assertThat(api.allSpans("grpc-pressure")).hasSize((int) ok * SPANS_PER_REQUEST);
  }
}

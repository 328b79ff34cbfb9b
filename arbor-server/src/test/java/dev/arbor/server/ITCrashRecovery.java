package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: load goes to a real server process, which is killed with SIGKILL
 * mid-stream; after a restart every span that was acknowledged is there.
 */
class ITCrashRecovery {
  private static final int SENDERS = 4;
  private static final int SPANS_PER_REQUEST = 100;
  private static final int ACKED_BEFORE_KILL = 4000;

  @TempDir
  Path dir;

  @Test
  void killMinus9MidStream_losesNoAcknowledgedSpan() throws Exception {
    Path workingDir = dir.resolve("arbor");
    Path log = Path.of("target", "ITCrashRecovery-server.log");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicLong nextSpan = new AtomicLong();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    String[] store = ServerProcess.storeFlags();

    try (ServerProcess server = ServerProcess.start(workingDir, log, store)) {
      ApiClient api = new ApiClient(server.port);
      for (int i = 0; i < SENDERS; i++) {
        senders.submit(() -> {
          while (!killed.get()) {
            long first = nextSpan.getAndAdd(SPANS_PER_REQUEST);
            byte[] body = OtlpRequests.llmSpans("crash", first, SPANS_PER_REQUEST, 1500).toByteArray();
            try {
              if (api.post("/v1/traces", "application/x-protobuf", body).statusCode() == 200 && !killed.get()) {
                for (long n = first; n < first + SPANS_PER_REQUEST; n++) {
                  acknowledged.add(OtlpRequests.spanId("crash", n));
                }
              }
            } catch (RuntimeException connectionLost) {
              return;
            }
          }
        });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // An answer read after this point is not counted: only what was acknowledged before the kill.
      Set<String> ackedBeforeKill = new HashSet<>(acknowledged);
      killed.set(true);
      server.kill();
      acknowledged.retainAll(ackedBeforeKill);
    } finally {
      senders.shutdownNow();
      senders.awaitTermination(30, TimeUnit.SECONDS);
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKED_BEFORE_KILL);

    try (ServerProcess restarted = ServerProcess.start(workingDir, log, store)) {
      Set<String> stored = new HashSet<>();
      for (JsonNode span : new ApiClient(restarted.port).allSpans("crash")) {
        stored.add(span.get("context").get("span_id").asText());
      }
      assertThat(stored).containsAll(acknowledged);
      assertThat(restarted.stop()).as("exit status after SIGTERM").isIn(0, 143);
    }
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.server.config.StoreConfig;
import dev.arbor.store.postgres.PostgresSettings;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away under a running server and comes back: meanwhile exports are refused with a status
 * exporters retry (nothing is acknowledged that was not committed) and readiness says so; afterwards the
 * server recovers by itself and the retried spans are stored.
 */
@EnabledIfSystemProperty(named = "arbor.it.store", matches = "postgres")
class ITDatabaseOutage {
  @TempDir
  Path dir;

  @Test
  void databaseGoesAwayAndComesBack_ingestRefusesRetryably_thenRecovers() throws Exception {
    int port = FreePorts.next();
    Path data = dir.resolve("pgdata");
    EmbeddedPostgres database = start(port, data);
    PostgresSettings settings = PostgresSettings.fromUrl(
        "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres", "outage", 4);
    try (ArborServer server = ArborServer.start(RunningServer.testConfig(dir.resolve("arbor"))
        .withStore(new StoreConfig.Postgres(settings)))) {
      ApiClient api = new ApiClient(server.httpPort());
      assertThat(export(api, 0).statusCode()).isEqualTo(200);

      database.close();

      // Several exports at once, so that the writer commits them as a group and finds the store gone.
      List<CompletableFuture<HttpResponse<byte[]>>> during = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long first = 10 + i * 10L;
        during.add(CompletableFuture.supplyAsync(() -> export(api, first)));
      }
      for (CompletableFuture<HttpResponse<byte[]>> answer : during) {
        assertThat(answer.join().statusCode()).isEqualTo(503);
        assertThat(answer.join().headers().firstValue("retry-after")).isPresent();
      }
      assertThat(api.get("/readyz").statusCode()).isEqualTo(503);

      database = start(port, data);

      assertThat(eventually(() -> api.get("/readyz").statusCode() == 200)).as("ready again").isTrue();
      for (int i = 0; i < 4; i++) {
        assertThat(export(api, 10 + i * 10L).statusCode()).as("a retried export").isEqualTo(200);
      }
      assertThat(api.allSpans("outage")).hasSize(50);
    } finally {
      database.close();
    }
  }

  private static EmbeddedPostgres start(int port, Path data) throws Exception {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
  }

  private static HttpResponse<byte[]> export(ApiClient api, long first) {
    ExportTraceServiceRequest request = OtlpRequests.llmSpans("outage", first, 10, 100);
    return api.post("/v1/traces", "application/x-protobuf", request.toByteArray());
  }

  private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}

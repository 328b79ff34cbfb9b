package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention applied by the schedule (every second here) without anyone asking. */
class ITRetentionSchedule {
  @RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withRetentionIntervalSeconds(1));

  @Test
  void aPolicy_isAppliedByTheSchedule() throws Exception {
    ApiClient api = running.api();
    ITRetention.send(running, "kept-three", 100, 6);
    assertThat(api.send("PUT", "/api/projects/kept-three/retention", "{\"max_spans\":3}").statusCode())
        .isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (api.allSpans("kept-three").size() > 3 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(api.allSpans("kept-three")).extracting(s -> s.path("name").asText())
        .containsExactlyInAnyOrder("llm-103", "llm-104", "llm-105");
    assertThat(api.send("DELETE", "/api/projects/kept-three/retention", null).statusCode()).isEqualTo(204);
    assertThat(api.send("DELETE", "/api/projects/kept-three/retention", null).statusCode()).isEqualTo(404);
  }
}

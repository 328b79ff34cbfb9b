package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web UI in a real browser: the machine's Chromium (Debian's package, installed by {@code .ci/run} when
 * missing), driven by {@code playwright-core} from npm at the version pinned in {@code src/test/ui-tests}
 * ({@code ui-test.mjs}), against a real server holding {@link UiFixtures}. Screenshots of the main pages are
 * written to {@code target/ui-screenshots}.
 */
class ITWebUi {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @BeforeAll
  static void sendFixtureTraces() {
    var answer = running.api().post("/v1/traces", "application/x-protobuf", UiFixtures.request().toByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    var annotated = running.api().send("POST", "/v1/span_annotations?sync=true", UiFixtures.ANNOTATION);
    assertThat(annotated.statusCode()).as(ApiClient.text(annotated)).isEqualTo(200);
  }

  @Test
  void webUi_showsProjectsTracesSpansAndSessions_inARealBrowser() throws Exception {
    assertThat(CHROMIUM).as("Chromium for the browser tests: apt-get install chromium (./arbor test does)").exists();

    NodePackage.Output output = NodePackage.of("ui-tests", "ui-test.mjs").install("playwright-core").runScript(Map.of(
        "ARBOR_URL", "http://127.0.0.1:" + running.server().httpPort(),
        "CHROMIUM", CHROMIUM.toString(),
        "SCREENSHOTS", Path.of("target", "ui-screenshots").toAbsolutePath().toString(),
        "TRACE_ID", UiFixtures.TRACE));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains("ui: 19 checks passed");
  }
}

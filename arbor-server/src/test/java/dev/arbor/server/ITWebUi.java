package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web UI in a real browser: the machine's Chromium, driven by {@code playwright-core} from npm at the version
 * pinned in {@code src/test/ui-tests} ({@code ui-test.mjs}), against a real server holding {@link UiFixtures}.
 * Screenshots of the main pages are written to {@code target/ui-screenshots/chromium}. {@link ITWebUiFirefox} runs
 * the same script in Firefox.
 */
class ITWebUi {
  static final String CHECKS_PASSED = "ui: 22 checks passed";

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @BeforeAll
  static void sendFixtureTraces() {
    UiFixtures.send(running);
  }

  @Test
  void webUi_showsProjectsTracesSpansAndSessions_inARealBrowser() throws Exception {
    NodePackage.Output output = Browser.CHROMIUM.run("ui-test.mjs", running, Map.of("TRACE_ID", UiFixtures.TRACE));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains(CHECKS_PASSED);
  }
}

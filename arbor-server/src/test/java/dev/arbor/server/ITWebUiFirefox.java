package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ITWebUi}'s script, every check of it, in Debian's Firefox ESR over WebDriver BiDi; screenshots in
 * {@code target/ui-screenshots/firefox}. The browser is what is under test here, so it runs once, on the embedded
 * store; the Chromium run covers PostgreSQL.
 */
@DisabledIfSystemProperty(named = "arbor.it.store", matches = "postgres",
    disabledReason = "the browser is under test, not the store: ITWebUi runs on PostgreSQL")
class ITWebUiFirefox {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @BeforeAll
  static void sendFixtureTraces() {
    UiFixtures.send(running);
  }

  @Test
  void webUi_worksTheSameInFirefox() throws Exception {
    NodePackage.Output output = Browser.FIREFOX.run("ui-test.mjs", running, Map.of("TRACE_ID", UiFixtures.TRACE));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains(ITWebUi.CHECKS_PASSED);
  }
}

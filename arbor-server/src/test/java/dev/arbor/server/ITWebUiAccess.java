package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.server.config.AuthConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in, sign-out and Settings → Access in a real browser (see {@link ITWebUi}), against a server with access
 * control on ({@code access-test.mjs}).
 */
class ITWebUiAccess {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withAuth(AuthConfig.on("root", PASSWORD)));

  @Test
  void signIn_accessSettings_andSignOut_inARealBrowser() throws Exception {
    assertThat(CHROMIUM).as("Chromium for the browser tests: apt-get install chromium (./arbor test does)").exists();

    NodePackage.Output output = NodePackage.of("ui-tests", "access-test.mjs").install("playwright-core")
        .runScript(Map.of(
            "ARBOR_URL", "http://127.0.0.1:" + running.server().httpPort(),
            "ADMIN_USER", "root",
            "ADMIN_PASSWORD", PASSWORD,
            "CHROMIUM", CHROMIUM.toString(),
            "SCREENSHOTS", Path.of("target", "ui-screenshots").toAbsolutePath().toString()));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains("access ui: 7 checks passed");
  }
}

package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.server.config.AuthConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in, sign-out and Settings → Access in a real browser (see {@link ITWebUi}), against a server with access
 * control on ({@code access-test.mjs}).
 */
class ITWebUiAccess {
  private static final String PASSWORD = "correct horse battery staple";

  @RegisterExtension
  static final RunningServer running = RunningServer.create(c -> c.withAuth(AuthConfig.on("root", PASSWORD)));

  @Test
  void signIn_accessSettings_andSignOut_inARealBrowser() throws Exception {
    NodePackage.Output output = Browser.CHROMIUM.run("access-test.mjs", running,
        Map.of("ADMIN_USER", "root", "ADMIN_PASSWORD", PASSWORD));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains("access ui: 7 checks passed");
  }
}

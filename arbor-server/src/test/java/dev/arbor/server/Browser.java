package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A browser the browser scripts ({@code src/test/ui-tests}) drive through {@code playwright-core}: the machine's own,
 * from Debian's packages ({@code ./arbor test} installs them when missing), never one a tool downloads. Firefox is
 * driven over WebDriver BiDi (Playwright's {@code moz-firefox} channel), which needs no patched build.
 */
enum Browser {
  CHROMIUM("chromium", Path.of("/usr/bin/chromium"), "apt-get install chromium"),
  FIREFOX("firefox", Path.of("/usr/bin/firefox-esr"), "apt-get install firefox-esr");

  private final String name;
  private final Path executable;
  private final String install;

  Browser(String name, Path executable, String install) {
    this.name = name;
    this.executable = executable;
    this.install = install;
  }

  /** Runs a script of {@code ui-tests} in this browser against a server, with screenshots under a folder of its own. */
  NodePackage.Output run(String script, RunningServer running, Map<String, String> more) throws Exception {
    assertThat(executable).as("%s for the browser tests: %s (./arbor test does)", name, install).exists();
    Map<String, String> env = new HashMap<>(more);
    env.put("ARBOR_URL", "http://127.0.0.1:" + running.server().httpPort());
    env.put("BROWSER", name);
    env.put("BROWSER_PATH", executable.toString());
    env.put("SCREENSHOTS", Path.of("target", "ui-screenshots", name).toAbsolutePath().toString());
    return NodePackage.of("ui-tests", script).install("playwright-core").runScript(env);
  }
}

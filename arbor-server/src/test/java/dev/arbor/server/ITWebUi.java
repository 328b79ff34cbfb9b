package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private static final Path SOURCE = Path.of("src", "test", "ui-tests");
  private static final Path WORK = Path.of("target", "ui-tests");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @BeforeAll
  static void sendFixtureTraces() {
    var answer = running.api().post("/v1/traces", "application/x-protobuf", UiFixtures.request().toByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void webUi_showsProjectsTracesSpansAndSessions_inARealBrowser() throws Exception {
    assertThat(CHROMIUM).as("Chromium for the browser tests: apt-get install chromium (.ci/run does)").exists();
    install();

    ProcessBuilder builder = new ProcessBuilder("node", "ui-test.mjs").directory(WORK.toFile()).redirectErrorStream(true);
    builder.environment().put("ARBOR_URL", "http://127.0.0.1:" + running.server().httpPort());
    builder.environment().put("CHROMIUM", CHROMIUM.toString());
    builder.environment().put("SCREENSHOTS", Path.of("target", "ui-screenshots").toAbsolutePath().toString());
    builder.environment().put("TRACE_ID", UiFixtures.TRACE);
    Process node = builder.start();
    node.getOutputStream().close();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = node.waitFor(3, TimeUnit.MINUTES);

    assertThat(finished).as("node finished in time").isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).contains("ui: 11 checks passed");
  }

  /** Copies the test package into target/ and installs playwright-core with {@code npm ci}, once. */
  private static void install() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "ui-test.mjs")) {
      Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
      return;
    }
    ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(WORK.toFile())
        .redirectErrorStream(true);
    npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    Process process = npm.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished in time").isTrue();
    assertThat(process.exitValue()).as("npm ci: " + output).isZero();
  }
}

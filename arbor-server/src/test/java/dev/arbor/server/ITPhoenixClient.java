package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Phoenix's own TypeScript client, {@code @arizeai/phoenix-client} from npm at the version pinned in
 * {@code src/test/phoenix-client/package-lock.json}, run unchanged by the machine's Node against a real
 * server: projects, spans, traces, sessions, annotations and notes ({@code client-test.mjs}).
 */
class ITPhoenixClient {
  private static final Path SOURCE = Path.of("src", "test", "phoenix-client");
  private static final Path WORK = Path.of("target", "phoenix-client");

  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @Test
  void phoenixTypeScriptClient_worksUnchangedAgainstArbor() throws Exception {
    installClient();

    ProcessBuilder builder = new ProcessBuilder("node", "client-test.mjs").directory(WORK.toFile())
        .redirectErrorStream(true);
    builder.environment().put("PHOENIX_HOST", "http://127.0.0.1:" + running.server().httpPort());
    Process node = builder.start();
    node.getOutputStream().close();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = node.waitFor(3, TimeUnit.MINUTES);

    assertThat(finished).as("node finished in time").isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).contains("phoenix-client: 7 checks passed");
  }

  /** Copies the test package into target/ and installs the pinned client there with {@code npm ci}, once. */
  private static void installClient() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "client-test.mjs")) {
      Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.isDirectory(WORK.resolve("node_modules/@arizeai/phoenix-client"))) {
      return;
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(WORK.toFile())
        .redirectErrorStream(true).start();
    npm.getOutputStream().close();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished in time").isTrue();
    assertThat(npm.exitValue()).as("npm ci: " + output).isZero();
  }
}

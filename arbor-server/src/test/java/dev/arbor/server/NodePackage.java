package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node test package under {@code src/test/<name>} (package.json, package-lock.json, one script), copied to
 * {@code target/<name>}, installed there once with {@code npm ci} at its pinned versions, and run by the
 * machine's Node against a test server.
 */
final class NodePackage {
  private final Path source;
  private final Path work;
  private final String script;

  private NodePackage(String name, String script) {
    this.source = Path.of("src", "test", name);
    this.work = Path.of("target", name);
    this.script = script;
  }

  static NodePackage of(String name, String script) {
    return new NodePackage(name, script);
  }

  /** Copies the package's files and installs its modules, unless {@code module} is installed already. */
  NodePackage install(String module) throws IOException, InterruptedException {
    Files.createDirectories(work);
    // Every file of the package (its scripts share modules), not its folders.
    try (var files = Files.list(source)) {
      for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!Files.isDirectory(work.resolve("node_modules").resolve(module))) {
      Output npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), 5);
      assertThat(npm.exit()).as("npm ci: " + npm.text()).isZero();
    }
    return this;
  }

  /** Runs the script with {@code env}; fails the test if it does not end within three minutes. */
  Output runScript(Map<String, String> env) throws IOException, InterruptedException {
    return run(List.of("node", script), env, 3);
  }

  record Output(int exit, String text) {}

  private Output run(List<String> command, Map<String, String> env, int minutes) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(minutes, TimeUnit.MINUTES)).as(String.join(" ", command) + " finished in time").isTrue();
    return new Output(process.exitValue(), text);
  }
}

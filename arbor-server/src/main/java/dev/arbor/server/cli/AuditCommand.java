package dev.arbor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arbor audit verify} and {@code arbor audit export}: the audit trail of a running Arbor, over its REST API
 * (like every data command, so that it works beside the server that holds the database).
 */
@Command(name = "audit", description = "Verify or export the audit trail of a running Arbor.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class}, mixinStandardHelpOptions = true)
public final class AuditCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Target {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:6006", description = "The Arbor to ask (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", description = "An admin's API key, when access control is on (better: the"
        + " ARBOR_API_KEY or PHOENIX_API_KEY variable, which process lists do not show).")
    String apiKey;

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
      String key = apiKey != null ? apiKey : System.getenv("ARBOR_API_KEY") != null ? System.getenv("ARBOR_API_KEY")
          : System.getenv("PHOENIX_API_KEY");
      if (key != null && !key.isBlank()) {
        request.header("Authorization", "Bearer " + key.strip());
      }
      return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request.timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
      return URI.create(url.replaceAll("/+$", "") + path);
    }
  }

  /** Exit 0: intact; 1: a mismatch (printed); 2: Arbor could not be asked. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Walk the hash chain and report the first entry that no longer matches.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Mixin
    Target target = new Target();

    @Option(names = "--expect", description = "<entry number>:<hash> kept from an earlier verify: that entry must "
        + "still have that hash (finds a log cut short, or rewritten and sealed again).")
    String expect;

    @Override
    public Integer call() {
      try {
        String query = expect == null ? "" : "?expect=" + java.net.URLEncoder.encode(expect,
            java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = target.send(HttpRequest.newBuilder(target.uri("/api/audit/verify" + query))
            .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
          System.err.println("arbor audit verify: " + target.url + " answered " + response.statusCode() + ": "
              + response.body());
          return 2;
        }
        JsonNode result = new ObjectMapper().readTree(response.body()).path("data");
        if (result.path("intact").asBoolean()) {
          System.out.printf("intact: %d entries and %d stored spans, head %s (keep %d:%s to pass as --expect"
              + " later)%n", result.path("entries").asLong(), result.path("spans").asLong(),
              result.path("head_hash").asText(), result.path("entries").asLong(), result.path("head_hash").asText());
          return 0;
        }
        System.out.printf("BROKEN at entry %d: %s%n(%d entries before it are intact, the last one's hash %s)%n",
            result.path("first_bad_seq").asLong(), result.path("problem").asText(), result.path("entries").asLong(),
            result.path("head_hash").asText());
        return 1;
      } catch (IOException e) {
        System.err.println("arbor audit verify: cannot reach " + target.url + ": " + e);
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Print every entry, oldest first, as JSON Lines or CSV.")
  static final class Export implements Callable<Integer> {
    @CommandLine.Mixin
    Target target = new Target();

    @Option(names = "--format", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      try {
        HttpResponse<String> response = target.send(HttpRequest.newBuilder(
            target.uri("/api/audit/export?format=" + java.net.URLEncoder.encode(format,
                java.nio.charset.StandardCharsets.UTF_8))).GET());
        if (response.statusCode() != 200) {
          System.err.println("arbor audit export: " + target.url + " answered " + response.statusCode() + ": "
              + response.body());
          return 2;
        }
        System.out.print(response.body());
        return 0;
      } catch (IOException e) {
        System.err.println("arbor audit export: cannot reach " + target.url + ": " + e);
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
    }
  }
}

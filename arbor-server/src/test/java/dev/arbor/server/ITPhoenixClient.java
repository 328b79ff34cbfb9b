package dev.arbor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Phoenix's own TypeScript client, {@code @arizeai/phoenix-client} from npm at the version pinned in
 * {@code src/test/phoenix-client/package-lock.json}, run unchanged by the machine's Node against a real
 * server: projects, spans, traces, sessions, annotations and notes ({@code client-test.mjs}).
 */
class ITPhoenixClient {
  @RegisterExtension
  static final RunningServer running = RunningServer.create();

  @Test
  void phoenixTypeScriptClient_worksUnchangedAgainstArbor() throws Exception {
    NodePackage.Output output = NodePackage.of("phoenix-client", "client-test.mjs").install("@arizeai/phoenix-client")
        .runScript(Map.of("PHOENIX_HOST", "http://127.0.0.1:" + running.server().httpPort()));

    assertThat(output.exit()).as(output.text()).isZero();
    assertThat(output.text()).contains("phoenix-client: 7 checks passed");
  }
}

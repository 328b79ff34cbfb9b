package dev.arbor.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookTargetsTest {
  private final WebhookTargets team = new WebhookTargets(false);
  private final WebhookTargets local = new WebhookTargets(true);

  @Test
  void linkLocalAndUnspecifiedAddresses_areNeverTargets() {
    for (WebhookTargets targets : new WebhookTargets[] {team, local}) {
      assertThat(targets.refusal("http://169.254.169.254/latest/meta-data/")).contains("link-local");
      assertThat(targets.refusal("http://[fe80::1]/hook")).contains("link-local");
      assertThat(targets.refusal("http://0.0.0.0:8080/hook")).contains("unspecified");
    }
  }

  @Test
  void loopbackAndPrivateAddresses_onlyWhenAllowed() {
    for (String url : new String[] {"http://127.0.0.1:9000/hook", "http://10.1.2.3/hook", "http://172.16.0.9/hook",
        "http://192.168.1.20/hook", "http://100.64.0.1/hook", "http://[fd00::1]/hook", "http://[::1]/hook"}) {
      assertThat(team.refusal(url)).as(url).contains("ARBOR_WEBHOOK_PRIVATE_ADDRESSES=true");
      assertThat(local.refusal(url)).as(url).isNull();
    }
  }

  @Test
  void publicAddresses_areTargets_andNonsenseIsRefused() {
    assertThat(team.refusal("https://8.8.8.8/hook")).isNull();
    assertThat(team.refusal("https://172.32.0.1/hook")).as("just outside 172.16/12").isNull();
    assertThat(team.refusal("https://host.invalid/hook")).as("unresolvable now: judged at delivery").isNull();
    assertThat(team.refusal("not a url at all")).isNotNull();
  }
}

package dev.arbor.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-11-30T08:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  });

  private void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(name, address);
    }
  }

  @Test
  void fiveWrongPasswords_lockTheNameFromThatAddress_forThirtySeconds_thenDoubling() {
    fail("Ada", "10.0.0.1", 4);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isZero();
    fail("ada", "10.0.0.1", 1);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(30));
    assertThat(throttle.lockedFor("ada", "10.0.0.2")).as("another address").isZero();
    assertThat(throttle.lockedFor("bob", "10.0.0.1")).as("another name").isZero();

    now = now.plusSeconds(31);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isZero();
    fail("ada", "10.0.0.1", 1);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
    fail("ada", "10.0.0.1", 10);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isEqualTo(LoginThrottle.LONGEST_LOCK);
  }

  @Test
  void aRightPassword_clearsThePair_andOldFailuresAreForgotten() {
    fail("ada", "10.0.0.1", 4);
    throttle.succeeded("ada", "10.0.0.1");
    fail("ada", "10.0.0.1", 4);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).isZero();
    now = now.plus(Duration.ofMinutes(16));
    fail("ada", "10.0.0.1", 1);
    assertThat(throttle.lockedFor("ada", "10.0.0.1")).as("the four before were forgotten").isZero();
  }

  @Test
  void thirtyWrongPasswordsFromOneAddress_lockItForEveryName() {
    for (int i = 0; i < 30; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertThat(throttle.lockedFor("someone-new", "10.0.0.9")).isEqualTo(LoginThrottle.LONGEST_LOCK);
    assertThat(throttle.lockedFor("someone-new", "10.0.0.8")).isZero();
  }
}

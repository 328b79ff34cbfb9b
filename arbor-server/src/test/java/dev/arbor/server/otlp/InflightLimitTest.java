package dev.arbor.server.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class InflightLimitTest {

  @Test
  void admitsWhileTheBudgetLasts_thenRefuses_andReleasingMakesRoom() {
    InflightLimit limit = InflightLimit.create(100, new SimpleMeterRegistry());

    assertThat(limit.tryReserve(60)).isTrue();
    assertThat(limit.tryReserve(40)).isTrue();
    assertThat(limit.tryReserve(1)).isFalse();
    limit.release(60);
    assertThat(limit.tryReserve(50)).isTrue();
    assertThat(limit.used()).isEqualTo(90);
  }

  @Test
  void aRequestLargerThanTheWholeBudget_isAdmittedWhenNothingIsInFlight() {
    InflightLimit limit = InflightLimit.create(100, new SimpleMeterRegistry());

    assertThat(limit.tryReserve(500)).isTrue();
    assertThat(limit.tryReserve(1)).isFalse();
    limit.release(500);
    assertThat(limit.tryReserve(500)).isTrue();
  }
}

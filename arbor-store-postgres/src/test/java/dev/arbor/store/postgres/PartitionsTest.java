package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionsTest {
  private static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void spansOfThisCentury_getADayPartition() {
    Partitions.Range r = Partitions.of(nanos("2026-11-29T23:59:59.999999999Z"));

    assertThat(r.name()).isEqualTo("spans_20261129");
    assertThat(r.from()).isEqualTo(nanos("2026-11-29T00:00:00Z"));
    assertThat(r.to()).isEqualTo(nanos("2026-11-30T00:00:00Z"));
  }

  @Test
  void clocksFarOff_shareAYearPartition_soTimestampsCannotMultiplyPartitions() {
    assertThat(Partitions.of(0).name()).isEqualTo("spans_y1970");
    assertThat(Partitions.of(nanos("1970-07-01T00:00:00Z")).name()).isEqualTo("spans_y1970");
    assertThat(Partitions.of(nanos("1999-12-31T23:59:59Z")).to()).isEqualTo(nanos("2000-01-01T00:00:00Z"));
    assertThat(Partitions.of(nanos("2000-01-01T00:00:00Z")).name()).isEqualTo("spans_20000101");
    assertThat(Partitions.of(nanos("2100-01-01T00:00:00Z")).name()).isEqualTo("spans_y2100");
    assertThat(Partitions.of(Long.MAX_VALUE).to()).isEqualTo(Long.MAX_VALUE);
    assertThat(Partitions.of(Long.MIN_VALUE).from()).isEqualTo(Long.MIN_VALUE);
  }
}

package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Span;
import dev.arbor.store.AuditVerification;
import dev.arbor.store.tests.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retention on PostgreSQL drops a day partition that holds only the project's spans, and deletes rows elsewhere. */
class ITPartitionRetention {
  private static final long DAY = 86_400_000_000_000L;
  private static final long D1 = 20_000L * DAY; // 2024-10-04
  private final String schema = TestPostgres.freshSchema();

  private static Span span(String project, int n, long start) {
    return Span.builder().project(project).traceId(String.format("%032x", 0xd00d0000L + n))
        .spanId(String.format("%016x", 0xd00d0000L + n)).name("s").startTimeUnixNano(start)
        .endTimeUnixNano(start + 1000).build();
  }

  private boolean partitionExists(String name) throws Exception {
    PostgresSettings s = PostgresSettings.fromUrl(TestPostgres.url(), schema, 1);
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = ?::regnamespace")) {
      ps.setString(1, name);
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Test
  void aDayOfOneProject_isDropped_aDayShared_isDeletedRowByRow() throws Exception {
    try (PostgresSpanStore store = PostgresSpanStore.open(PostgresSettings.fromUrl(TestPostgres.url(), schema, 2))) {
      store.write(List.of(span("alone", 1, D1 + 5), span("alone", 2, D1 + DAY + 5), span("other", 3, D1 + DAY + 9),
          span("alone", 4, D1 + 3 * DAY)));
      String first = Partitions.of(D1).name();
      String shared = Partitions.of(D1 + DAY).name();
      assertThat(partitionExists(first)).isTrue();

      assertThat(store.retention().deleteBefore("alone", D1 + 2 * DAY)).isEqualTo(2);

      assertThat(partitionExists(first)).as("dropped whole").isFalse();
      assertThat(partitionExists(shared)).as("holds another project's span").isTrue();
      assertThat(store.traceSpans(String.format("%032x", 0xd00d0003L))).hasSize(1);
      assertThat(AuditVerification.of(store.audit()).intact()).isTrue();
      // The rollups took away the dropped day's span and the deleted row: one span of "alone" is left.
      var whole = dev.arbor.store.MetricsQuery.total("alone", D1, D1 + 4 * DAY, null);
      assertThat(store.metrics(whole).total().spans()).isEqualTo(1);
      assertThat(store.metrics(whole.exactly(true)).total().spans()).isEqualTo(1);
      store.maintainRollups();
      assertThat(store.metrics(whole).total().spans()).as("after compaction").isEqualTo(1);
      store.write(List.of(span("alone", 5, D1 + 7)));
      assertThat(partitionExists(first)).as("made again for a late span").isTrue();
      assertThat(store.metrics(whole).total().spans()).isEqualTo(2);
    }
  }
}

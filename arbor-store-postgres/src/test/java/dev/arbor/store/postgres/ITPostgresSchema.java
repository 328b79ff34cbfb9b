package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.tests.Snapshots;
import dev.arbor.store.tests.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The schema the migrations build in an empty schema is the checked-in snapshot (a change to the schema must
 * change the snapshot too; {@code target/postgres-schema.actual.txt} holds what was built), and reopening or
 * two servers starting at once apply nothing twice. The snapshot is the test server's: its binaries are built
 * without lz4, so it lists no column compression; on a server with lz4 (Debian's PostgreSQL 15, say) the large
 * text columns add {@code COMPRESSION lz4} lines.
 */
class ITPostgresSchema {

  @Test
  void migrationsFromEmpty_buildTheSnapshotSchema() throws Exception {
    String schema = TestPostgres.freshSchema();
    PostgresSpanStore.open(settings(schema)).close();

    String actual = describe(schema);

    assertThat(actual).isEqualTo(Snapshots.expected("/schema/postgres-schema.txt", actual));
  }

  @Test
  void serversStartingTogether_migrateOnce() throws Exception {
    String schema = TestPostgres.freshSchema();
    var opening = java.util.stream.IntStream.range(0, 3).parallel()
        .mapToObj(i -> PostgresSpanStore.open(settings(schema))).toList();
    opening.forEach(PostgresSpanStore::close);
    PostgresSpanStore.open(settings(schema)).close();

    try (Connection c = connect();
         PreparedStatement ps = c.prepareStatement("SELECT count(*), max(version) FROM " + schema + ".schema_version");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(PostgresSpanStore.MIGRATIONS.latest());
      assertThat(rs.getInt(2)).isEqualTo(PostgresSpanStore.MIGRATIONS.latest());
    }
  }

  private static Connection connect() throws SQLException {
    PostgresSettings any = settings("public");
    return java.sql.DriverManager.getConnection(any.jdbcUrl(), any.user(), any.password());
  }

  private static PostgresSettings settings(String schema) {
    return PostgresSettings.fromUrl(TestPostgres.url(), schema, 2);
  }

  private static String describe(String schema) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = connect()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, data_type, is_nullable,"
          + " column_default, collation_name FROM information_schema.columns WHERE table_schema = ?"
          + " AND table_name !~ '^spans_(y|[0-9])'" // the partitions, which depend on the day the test runs
          + " ORDER BY table_name, ordinal_position")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.append(rs.getString(1)).append('.').append(rs.getString(2)).append(' ').append(rs.getString(3))
                .append("NO".equals(rs.getString(4)) ? " NOT NULL" : "")
                .append(rs.getString(5) == null ? "" : " DEFAULT " + rs.getString(5))
                .append(rs.getString(6) == null ? "" : " COLLATE " + rs.getString(6)).append('\n');
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT attname, attcompression FROM pg_attribute"
          + " WHERE attrelid = CAST(? AS regclass) AND attcompression <> '' ORDER BY attnum")) {
        ps.setString(1, schema + ".spans");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.append("spans.").append(rs.getString(1)).append(" COMPRESSION ")
                .append("l".equals(rs.getString(2)) ? "lz4" : rs.getString(2)).append('\n');
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT indexdef FROM pg_indexes WHERE schemaname = ? AND tablename !~ '^spans_(y|[0-9])'"
              + " ORDER BY tablename, indexname")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.append(rs.getString(1).replace(schema + ".", "")).append('\n');
          }
        }
      }
    }
    return out.toString().replace(schema, "<schema>");
  }
}

package dev.arbor.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema the migrations build from an empty database is the checked-in snapshot. A change to the
 * schema must change the snapshot too ({@code target/duckdb-schema.actual.txt} holds what was built).
 */
class ITDuckDbSchema {
  @TempDir
  Path dir;

  @Test
  void migrationsFromEmpty_buildTheSnapshotSchema() throws Exception {
    Path file = dir.resolve("schema.duckdb");
    DuckDbSpanStore.open(DuckDbSettings.of(file)).close();

    String actual = describe(file);

    Files.writeString(Path.of("target", "duckdb-schema.actual.txt"), actual);
    assertThat(actual).isEqualTo(snapshot());
  }

  @Test
  void migrationsFromTheFirstRelease_keepItsSpans_andBuildTheSnapshotSchema() throws Exception {
    Path file = dir.resolve("v001.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, script VARCHAR NOT NULL,"
          + " applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)");
      String v001 = new String(ITDuckDbSchema.class.getResourceAsStream("/db/duckdb/V001__spans.sql").readAllBytes(),
          StandardCharsets.UTF_8);
      for (String sql : v001.replaceAll("(?m)^--.*$", "").split(";\\s*\n")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
      st.execute("INSERT INTO schema_version (version, script) VALUES (1, 'V001__spans.sql')");
      st.execute("INSERT INTO projects (name) VALUES ('p')");
      for (String span : java.util.List.of("1, 'r1', NULL, 'OK', 's-1'", "2, 'c1', 'r1', 'ERROR', NULL")) {
        st.execute("INSERT INTO spans (id, project_id, trace_id, span_id, parent_span_id, trace_state, name, otel_kind,"
            + " span_kind, start_time_ns, end_time_ns, status_code, status_message, session_id, attributes, events,"
            + " links, resource, scope_name, scope_version) SELECT v.id, 1, 't1', v.span, v.parent, '', 'n',"
            + " 'INTERNAL', 'CHAIN', 10, 20, v.status, '', v.session, '{}', '[]', '[]', '{}', '', '' FROM (VALUES ("
            + span + ")) v(id, span, parent, status, session)");
      }
    }
    try (DuckDbSpanStore store = DuckDbSpanStore.open(DuckDbSettings.of(file))) {
      var trace = store.findTraces(dev.arbor.store.TraceQuery.newest("p", 10)).items();
      assertThat(trace).singleElement().satisfies(t -> {
        assertThat(t.spanCount()).isEqualTo(2);
        assertThat(t.errorCount()).isEqualTo(1);
        assertThat(t.root().span().spanId()).isEqualTo("r1");
        assertThat(t.cost()).isEqualTo(dev.arbor.store.CostTotal.NONE);
      });
      assertThat(store.findSession("s-1")).get().satisfies(s -> assertThat(s.traces()).hasSize(1));
      store.write(java.util.List.of(dev.arbor.store.tests.TestSpans.llmSpan("p")));
      // The spans from before the audit trail covered spans are below the baseline it sealed at the upgrade.
      assertThat(store.audit().list(0, 1).get(0).detail()).isEqualTo("{\"max_span_id\":2}");
      var verified = dev.arbor.store.AuditVerification.of(store.audit());
      assertThat(verified.intact()).as(verified.problem()).isTrue();
      assertThat(verified.spans()).isEqualTo(1);
    }

    assertThat(describe(file)).isEqualTo(snapshot());
  }

  @Test
  void reopening_appliesNoMigrationTwice() throws Exception {
    Path file = dir.resolve("again.duckdb");
    DuckDbSpanStore.open(DuckDbSettings.of(file)).close();
    DuckDbSpanStore.open(DuckDbSettings.of(file)).close();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*), max(version) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(DuckDbSpanStore.MIGRATIONS.latest());
      assertThat(rs.getInt(2)).isEqualTo(DuckDbSpanStore.MIGRATIONS.latest());
    }
  }

  private static String describe(Path file) throws Exception {
    StringBuilder schema = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT table_name, column_name, data_type, is_nullable, column_default"
             + " FROM information_schema.columns WHERE table_schema = 'main'"
             + " ORDER BY table_name, ordinal_position")) {
      while (rs.next()) {
        schema.append(rs.getString(1)).append('.').append(rs.getString(2)).append(' ').append(rs.getString(3))
            .append("NO".equals(rs.getString(4)) ? " NOT NULL" : "")
            .append(rs.getString(5) == null ? "" : " DEFAULT " + rs.getString(5)).append('\n');
      }
      try (ResultSet indexes = st.executeQuery("SELECT sql FROM duckdb_indexes() ORDER BY table_name, index_name")) {
        while (indexes.next()) {
          schema.append(indexes.getString(1)).append('\n');
        }
      }
    }
    return schema.toString();
  }

  private static String snapshot() throws Exception {
    try (InputStream in = ITDuckDbSchema.class.getResourceAsStream("/schema/duckdb-schema.txt")) {
      return in == null ? "(no snapshot checked in)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package dev.arbor.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Applies a store's versioned schema scripts ({@code db/<dialect>/V00N__what.sql} on the class path) in
 * order, each in its own transaction, recording each in {@code schema_version}. A database newer than this
 * build is refused. Scripts are split on semicolons that end a line; {@code --} lines are comments.
 */
public final class Migrations {
  private final String folder;
  private final List<String> scripts;

  private Migrations(String folder, List<String> scripts) {
    this.folder = folder;
    this.scripts = List.copyOf(scripts);
  }

  /** The scripts {@code scripts}, in version order, found under {@code folder} on the class path. */
  public static Migrations of(String folder, List<String> scripts) {
    return new Migrations(folder, scripts);
  }

  /** How many scripts there are: the schema version this build writes. */
  public int latest() {
    return scripts.size();
  }

  /** Brings the database to the latest version. */
  public void apply(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, script VARCHAR NOT NULL,"
          + " applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp)");
    }
    int current = currentVersion(connection);
    if (current > scripts.size()) {
      throw new IllegalStateException("database schema version " + current + " is newer than this Arbor ("
          + scripts.size() + "); use a newer Arbor");
    }
    for (int version = current + 1; version <= scripts.size(); version++) {
      String script = scripts.get(version - 1);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(read(script))) {
          st.execute(sql);
        }
        st.execute("INSERT INTO schema_version (version, script) VALUES (" + version + ", '" + script + "')");
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  public static int currentVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("/" + folder + "/" + script)) {
      if (in == null) {
        throw new IllegalStateException("missing migration script " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + script, e);
    }
  }

  /** Splits a script on semicolons that end a line, dropping {@code --} comment lines. */
  private static List<String> statements(String script) {
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}

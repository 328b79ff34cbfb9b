package dev.arbor.store.duckdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The store's connections: one writer, used by one caller at a time, and a fresh duplicate of it per read
 * (DuckDB serves reads of one database from connections that share its instance).
 */
final class DuckDbAccess {
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DuckDBConnection writer;

  DuckDbAccess(DuckDBConnection writer) {
    this.writer = writer;
  }

  DuckDBConnection writer() {
    return writer;
  }

  <T> T read(Work<T> work) {
    try (Connection connection = writer.duplicate()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB read failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction on the writer: committed if it returns, rolled back if it throws. */
  synchronized <T> T write(Work<T> work) {
    try {
      T result = work.run(writer);
      writer.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      // Whatever failed, nothing of this transaction may reach the next commit: roll back before anything else.
      try {
        writer.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("DuckDB write failed: " + e.getMessage(), e);
    }
  }

  static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      switch (arg) {
        case String s -> ps.setString(i + 1, s);
        case Long l -> ps.setLong(i + 1, l);
        case Integer n -> ps.setInt(i + 1, n);
        case Double d -> ps.setDouble(i + 1, d);
        case Boolean b -> ps.setBoolean(i + 1, b);
        default -> throw new IllegalArgumentException("cannot bind " + arg.getClass());
      }
    }
  }

  /** {@code ?, ?, ?} for {@code n} values. */
  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}

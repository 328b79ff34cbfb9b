package dev.arbor.store.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import dev.arbor.store.jdbc.SqlAccess;
import org.duckdb.DuckDBConnection;

/**
 * The store's connections: one writer, used by one caller at a time, and a fresh duplicate of it per read
 * (DuckDB serves reads of one database from connections that share its instance).
 */
final class DuckDbAccess implements SqlAccess {
  private final DuckDBConnection writer;

  DuckDbAccess(DuckDBConnection writer) {
    this.writer = writer;
  }

  DuckDBConnection writer() {
    return writer;
  }

  @Override
  public <T> T read(Work<T> work) {
    try (Connection connection = writer.duplicate()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB read failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction on the writer: committed if it returns, rolled back if it throws. */
  @Override
  public synchronized <T> T write(Work<T> work) {
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
}

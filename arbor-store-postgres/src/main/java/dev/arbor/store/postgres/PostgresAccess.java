package dev.arbor.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.arbor.store.jdbc.SqlAccess;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Pooled connections to PostgreSQL (HikariCP). Reads run in autocommit; each write is one transaction on
 * its own connection (the pool restores autocommit when the connection comes back). Connections to a database that has gone away fail fast, so that ingest answers
 * "retry later" instead of waiting.
 */
final class PostgresAccess implements SqlAccess, AutoCloseable {
  private final HikariDataSource pool;

  private PostgresAccess(HikariDataSource pool) {
    this.pool = pool;
  }

  static PostgresAccess create(PostgresSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setPoolName("arbor-postgres");
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    // Starting while the database is down is an error at start, not a pool that waits.
    config.setInitializationFailTimeout(10_000);
    config.setConnectionInitSql("SET search_path TO " + settings.schema() + ", public");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "120");
    return new PostgresAccess(new HikariDataSource(config));
  }

  @Override
  public <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public <T> T write(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}

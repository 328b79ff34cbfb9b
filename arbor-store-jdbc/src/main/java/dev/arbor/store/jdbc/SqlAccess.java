package dev.arbor.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * A store's connections. {@link #read} runs work on a connection that sees every committed write;
 * {@link #write} runs work in one transaction, committed if it returns and rolled back if it throws.
 */
public interface SqlAccess {
  /** Work on a connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  <T> T read(Work<T> work);

  <T> T write(Work<T> work);

  /** Binds {@code args} to the statement's parameters in order. */
  static void bind(PreparedStatement ps, List<?> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      switch (arg) {
        case String s -> ps.setString(i + 1, s);
        case Long l -> ps.setLong(i + 1, l);
        case Integer n -> ps.setInt(i + 1, n);
        case Double d -> ps.setDouble(i + 1, d);
        case Boolean b -> ps.setBoolean(i + 1, b);
        case byte[] bytes -> ps.setBytes(i + 1, bytes);
        default -> throw new IllegalArgumentException("cannot bind " + arg.getClass());
      }
    }
  }

  /** {@code ?, ?, ?} for {@code n} values. */
  static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}

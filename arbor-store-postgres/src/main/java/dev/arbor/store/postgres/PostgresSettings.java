package dev.arbor.store.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the PostgreSQL store connects: a JDBC URL (query parameters such as {@code sslmode} passed
 * through), the credentials, the schema to use (created if missing) and the pool size. Built from the
 * {@code postgresql://user:password@host:port/db?…} URLs that Phoenix's {@code PHOENIX_SQL_DATABASE_URL} takes.
 * {@link #toString} never shows the password.
 */
public record PostgresSettings(String jdbcUrl, String user, String password, String schema, int poolSize) {
  public PostgresSettings {
    if (poolSize < 1 || poolSize > 1000) {
      throw new IllegalArgumentException("pool size must be between 1 and 1000: " + poolSize);
    }
    if (!schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("schema must be a plain SQL name (letters, digits, _): " + schema);
    }
  }

  /**
   * Reads a {@code postgresql://} (or {@code postgres://}) URL. Errors name what is wrong and never echo
   * the URL, which may hold a password.
   */
  public static PostgresSettings fromUrl(String url, String schema, int poolSize) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid postgresql:// URL: " + e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must start with postgresql://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("must name a host: postgresql://user:password@host:5432/database");
    }
    String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String jdbc = "jdbc:postgresql://" + (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost())
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new PostgresSettings(jdbc, user, password, schema, poolSize);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "PostgresSettings[" + jdbcUrl + ", user=" + user + ", schema=" + schema + ", pool=" + poolSize + "]";
  }
}

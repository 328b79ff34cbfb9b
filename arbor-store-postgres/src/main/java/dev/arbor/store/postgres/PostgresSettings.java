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
    // The authority is read by hand, as libpq reads it: host names with '_' (common in Compose files) and
    // several hosts (h1:5432,h2:5432) are not URI server authorities, but PostgreSQL's driver takes them.
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    int at = authority.lastIndexOf('@');
    String hosts = authority.substring(at + 1);
    if (hosts.isEmpty() || hosts.startsWith(":")) {
      throw new IllegalArgumentException("must name a host: postgresql://user:password@host:5432/database");
    }
    String user = null;
    String password = null;
    if (at >= 0) {
      String[] parts = authority.substring(0, at).split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres"
        : uri.getRawPath().substring(1);
    String jdbc = "jdbc:postgresql://" + hosts + "/" + database + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new PostgresSettings(jdbc, user, password, schema, poolSize);
  }

  /** Percent-decoding as in URLs (a '+' stays a '+'). */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The JDBC URL with the values of password-like query parameters hidden, for logs and messages. */
  public String redactedUrl() {
    return jdbcUrl.replaceAll("(?i)([?&][^=&]*password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return "PostgresSettings[" + redactedUrl() + ", user=" + user + ", schema=" + schema + ", pool=" + poolSize + "]";
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.store.AccessStore;
import dev.arbor.store.ApiKey;
import dev.arbor.store.LoginSession;
import dev.arbor.store.NameTakenException;
import dev.arbor.store.ProjectAccess;
import dev.arbor.store.ProjectGrants;
import dev.arbor.store.Role;
import dev.arbor.store.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code users}, {@code api_keys} and {@code login_sessions} tables. Times are epoch milliseconds. */
final class AccessTables implements AccessStore {
  private static final String USER_COLUMNS = "id, name, role, password_hash, grants, created_at, disabled";
  private static final String KEY_COLUMNS = "id, name, public_id, secret_hash, user_id, role, grants, created_at,"
      + " expires_at, revoked_at";

  private final SqlAccess db;

  AccessTables(SqlAccess db) {
    this.db = db;
  }

  @Override
  public List<User> users() {
    return db.read(c -> users(c, "SELECT " + USER_COLUMNS + " FROM users ORDER BY id", null));
  }

  @Override
  public Optional<User> user(long id) {
    return db.read(c -> users(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", id)).stream().findFirst();
  }

  @Override
  public Optional<User> user(String name) {
    return db.read(c -> users(c, "SELECT " + USER_COLUMNS + " FROM users WHERE name = ?", name)).stream()
        .findFirst();
  }

  @Override
  public User createUser(User user) {
    return db.write(c -> {
      requireFreeName(c, user.name(), -1);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, role, password_hash, grants,"
          + " created_at, disabled) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
        bindUser(ps, user);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return user.withId(rs.getLong(1));
        }
      }
    });
  }

  @Override
  public Optional<User> updateUser(User user) {
    return db.write(c -> {
      if (users(c, "SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", user.id()).isEmpty()) {
        return Optional.<User>empty();
      }
      requireFreeName(c, user.name(), user.id());
      try (PreparedStatement ps = c.prepareStatement("UPDATE users SET name = ?, role = ?, password_hash = ?,"
          + " grants = ?, created_at = ?, disabled = ? WHERE id = ?")) {
        bindUser(ps, user);
        ps.setLong(7, user.id());
        return ps.executeUpdate() == 0 ? Optional.<User>empty() : Optional.of(user);
      }
    });
  }

  @Override
  public boolean deleteUser(long id) {
    return db.write(c -> {
      update(c, "DELETE FROM login_sessions WHERE user_id = ?", id);
      update(c, "DELETE FROM api_keys WHERE user_id = ?", id);
      return update(c, "DELETE FROM users WHERE id = ?", id) > 0;
    });
  }

  @Override
  public List<ApiKey> keys() {
    return db.read(c -> keys(c, "SELECT " + KEY_COLUMNS + " FROM api_keys ORDER BY id", null));
  }

  @Override
  public Optional<ApiKey> key(long id) {
    return db.read(c -> keys(c, "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ?", id)).stream().findFirst();
  }

  @Override
  public Optional<ApiKey> keyBySecretHash(String secretHash) {
    return db.read(c -> keys(c, "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE secret_hash = ?", secretHash))
        .stream().findFirst();
  }

  @Override
  public ApiKey createKey(ApiKey key) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (name, public_id, secret_hash, user_id,"
          + " role, grants, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setString(1, key.name());
        ps.setString(2, key.publicId());
        ps.setString(3, key.secretHash());
        setLong(ps, 4, key.userId());
        ps.setString(5, key.role().wireName());
        ps.setString(6, grants(key.grants()));
        ps.setLong(7, key.createdAt().toEpochMilli());
        setLong(ps, 8, key.expiresAt() == null ? null : key.expiresAt().toEpochMilli());
        setLong(ps, 9, key.revokedAt() == null ? null : key.revokedAt().toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return key.withId(rs.getLong(1));
        }
      }
    });
  }

  @Override
  public boolean revokeKey(long id, Instant at) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void createSession(LoginSession session) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, session.tokenHash());
        ps.setLong(2, session.userId());
        ps.setLong(3, session.createdAt().toEpochMilli());
        ps.setLong(4, session.expiresAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<LoginSession> session(String tokenHash) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT token_hash, user_id, created_at, expires_at FROM login_sessions WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new LoginSession(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                  Instant.ofEpochMilli(rs.getLong(4))))
              : Optional.<LoginSession>empty();
        }
      }
    });
  }

  @Override
  public boolean deleteSession(String tokenHash) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_sessions WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public int deleteSessionsOf(long userId) {
    return db.write(c -> update(c, "DELETE FROM login_sessions WHERE user_id = ?", userId));
  }

  @Override
  public int deleteExpiredSessions(Instant now) {
    return db.write(c -> update(c, "DELETE FROM login_sessions WHERE expires_at <= ?", now.toEpochMilli()));
  }

  /** Whether a user's or key's grants name a project of this name. */
  boolean namesProject(Connection c, String project) throws SQLException {
    for (String table : List.of("users", "api_keys")) {
      for (String json : grantsOf(c, table).values()) {
        if (grants(json).projects().containsKey(project)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Renames a project in the grants of every user and key that names it, on the renaming transaction. Each row is
   * written only if its grants are still those read, and read again if not: a user changed by another server
   * meanwhile keeps that change.
   */
  void renameProject(Connection c, String name, String newName) throws SQLException {
    for (String table : List.of("users", "api_keys")) {
      for (int attempt = 1; ; attempt++) {
        boolean lost = false;
        for (Map.Entry<Long, String> row : grantsOf(c, table).entrySet()) {
          ProjectGrants grants = grants(row.getValue());
          if (!grants.projects().containsKey(name)) {
            continue;
          }
          Map<String, ProjectAccess> renamed = new LinkedHashMap<>(grants.projects());
          renamed.put(newName, renamed.remove(name));
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE " + table + " SET grants = ? WHERE id = ? AND grants = ?")) {
            ps.setString(1, grants(ProjectGrants.of(renamed)));
            ps.setLong(2, row.getKey());
            ps.setString(3, row.getValue());
            lost |= ps.executeUpdate() == 0;
          }
        }
        if (!lost) {
          break;
        }
        if (attempt == 3) {
          throw new IllegalStateException("the grants of " + table + " kept changing during the rename: try again");
        }
      }
    }
  }

  /** The grants of every row of {@code users} or {@code api_keys} limited to some projects, by id. */
  private static Map<Long, String> grantsOf(Connection c, String table) throws SQLException {
    Map<Long, String> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, grants FROM " + table + " WHERE grants IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.put(rs.getLong(1), rs.getString(2));
      }
    }
    return rows;
  }

  private static void requireFreeName(Connection c, String name, long exceptId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE name = ? AND id <> ?")) {
      ps.setString(1, name);
      ps.setLong(2, exceptId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw new NameTakenException("user", name);
        }
      }
    }
  }

  private static int update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      return ps.executeUpdate();
    }
  }

  private static void bindUser(PreparedStatement ps, User user) throws SQLException {
    ps.setString(1, user.name());
    ps.setString(2, user.role().wireName());
    ps.setString(3, user.passwordHash());
    ps.setString(4, grants(user.grants()));
    ps.setLong(5, user.createdAt().toEpochMilli());
    ps.setBoolean(6, user.disabled());
  }

  private static List<User> users(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setObject(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<User> users = new ArrayList<>();
        while (rs.next()) {
          users.add(new User(rs.getLong("id"), rs.getString("name"), Role.parse(rs.getString("role")),
              rs.getString("password_hash"), grants(rs.getString("grants")),
              Instant.ofEpochMilli(rs.getLong("created_at")), rs.getBoolean("disabled")));
        }
        return users;
      }
    }
  }

  private static List<ApiKey> keys(Connection c, String sql, Object parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setObject(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<ApiKey> keys = new ArrayList<>();
        while (rs.next()) {
          long userId = rs.getLong("user_id");
          Long user = rs.wasNull() ? null : userId;
          keys.add(new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("public_id"),
              rs.getString("secret_hash"), user, Role.parse(rs.getString("role")), grants(rs.getString("grants")),
              Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "expires_at"), instant(rs, "revoked_at")));
        }
        return keys;
      }
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  /** Grants as a JSON object of project name to "read" or "write"; NULL for every project. */
  private static String grants(ProjectGrants grants) {
    if (!grants.limited()) {
      return null;
    }
    Map<String, String> json = new LinkedHashMap<>();
    grants.projects().forEach((project, access) -> json.put(project, access.wireName()));
    return SpanFieldJson.write(json);
  }

  private static ProjectGrants grants(String json) {
    if (json == null) {
      return ProjectGrants.ALL;
    }
    Map<String, ProjectAccess> projects = new LinkedHashMap<>();
    SpanFieldJson.readMap(json).forEach((project, access) -> projects.put(project,
        ProjectAccess.parse(String.valueOf(access))));
    return ProjectGrants.of(projects);
  }
}

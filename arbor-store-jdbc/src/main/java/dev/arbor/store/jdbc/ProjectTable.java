package dev.arbor.store.jdbc;

import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.ProjectExistsException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code projects} table, with the name-to-id cache the span writer uses. */
public final class ProjectTable {
  private static final String COLUMNS = "id, name, description, created_at";

  private final SqlAccess db;
  private final boolean onlyWriter;
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  /** Names by id, each read at a time: a project renamed by another server shows its new name within this. */
  private static final long NAME_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

  private record Named(String name, long readAtNanos) {}

  private final Map<Long, Named> names = new ConcurrentHashMap<>();

  /**
   * {@code onlyWriter}: whether this process is the database's only writer, so that a project id it cached
   * stays true until it deletes the project itself. Where other servers share the database, one of them may
   * delete a project at any time, so ids are looked up in every write transaction.
   */
  ProjectTable(SqlAccess db, boolean onlyWriter) {
    this.db = db;
    this.onlyWriter = onlyWriter;
  }

  /** The id of the project called {@code name}, creating it on the writer's open transaction if needed. */
  public long idForWrite(Connection writer, String name) throws SQLException {
    Long id = onlyWriter ? ids.get(name) : null;
    if (id != null) {
      return id;
    }
    try (PreparedStatement insert = writer.prepareStatement(
        "INSERT INTO projects (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, name);
      insert.executeUpdate();
    }
    try (PreparedStatement select = writer.prepareStatement("SELECT id FROM projects WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Caches ids once the transaction that may have created them is committed. */
  public synchronized void remember(String name, long id) {
    ids.put(name, id);
    names.put(id, new Named(name, System.nanoTime()));
  }

  /** The id cached for a name, if any (for tests). */
  synchronized Long cachedId(String name) {
    return ids.get(name);
  }

  /** Bumped by every rename and deletion: a writer's ids from before one are not cached (see {@link #remember}). */
  private long generation;

  /** Read inside a write transaction, before its ids are looked up; given back to {@link #remember(Map, long)}. */
  public synchronized long generation() {
    return generation;
  }

  /**
   * Caches a committed batch's ids, unless a project was renamed or deleted since {@code seenGeneration}: the batch
   * may have looked up a name that now belongs to no project, or to another.
   */
  public synchronized void remember(Map<String, Long> projectIds, long seenGeneration) {
    if (seenGeneration == generation) {
      projectIds.forEach(this::remember);
    }
  }

  /**
   * The name of a project id, read on {@code c} (the caller's open connection) when not cached or cached longer
   * ago than {@link #NAME_TTL_NANOS}: ids are never reused, but a project may be renamed, here or on another server.
   */
  String name(Connection c, long id) throws SQLException {
    Named named = names.get(id);
    long now = System.nanoTime();
    if (named == null || now - named.readAtNanos > NAME_TTL_NANOS) {
      named = new Named(query(c, "SELECT " + COLUMNS + " FROM projects WHERE id = ?", List.of(id)).stream()
          .findFirst().map(Project::name).orElse(""), now);
      names.put(id, named);
    }
    return named.name;
  }

  Page<Project> list(PageRequest request, String nameContains) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM projects WHERE true");
    List<Object> args = new ArrayList<>();
    if (request.cursor() != null) {
      sql.append(" AND id <= ?");
      args.add(request.cursor());
    }
    if (nameContains != null) {
      sql.append(" AND strpos(name, ?) > 0");
      args.add(nameContains);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(request.limit() + 1);
    return db.read(c -> Page.fromOverRead(query(c, sql.toString(), args), request.limit(), Project::id));
  }

  Optional<Project> find(String name) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM projects WHERE name = ?", List.of(name)))
        .stream().findFirst();
  }

  Optional<Project> find(long id) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM projects WHERE id = ?", List.of(id)))
        .stream().findFirst();
  }

  Project create(String name, String description) {
    Project created = db.write(c -> {
      if (!query(c, "SELECT " + COLUMNS + " FROM projects WHERE name = ?", List.of(name)).isEmpty()) {
        throw new ProjectExistsException(name);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO projects (name, description) VALUES (?, ?) RETURNING " + COLUMNS)) {
        ps.setString(1, name);
        ps.setString(2, description);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return project(rs);
        }
      }
    });
    remember(created.name(), created.id());
    return created;
  }

  Optional<Project> update(String name, String description) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE projects SET description = ? WHERE name = ? RETURNING " + COLUMNS)) {
        ps.setString(1, description);
        ps.setString(2, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(project(rs)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Renames a project on the caller's write transaction; empty if there is none. The writer's cache forgets the old
   * name inside the transaction, so no batch stores spans of the old name under the renamed project's id.
   */
  Optional<Project> rename(Connection c, String name, String newName) throws SQLException {
    requireAbsent(c, newName);
    Optional<Project> renamed;
    try (PreparedStatement ps = c.prepareStatement("UPDATE projects SET name = ? WHERE name = ? RETURNING " + COLUMNS)) {
      ps.setString(1, newName);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        renamed = rs.next() ? Optional.of(project(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      // Another server's ingest made a project of the new name since the check above.
      if ("23505".equals(e.getSQLState())) {
        throw new ProjectExistsException(newName);
      }
      throw e;
    }
    renamed.ifPresent(this::forget);
    synchronized (this) {
      ids.remove(name);
    }
    return renamed;
  }

  /** Throws {@link ProjectExistsException} when a project of this name exists, read on the caller's transaction. */
  void requireAbsent(Connection c, String name) throws SQLException {
    if (!query(c, "SELECT " + COLUMNS + " FROM projects WHERE name = ?", List.of(name)).isEmpty()) {
      throw new ProjectExistsException(name);
    }
  }

  /** Forgets a deleted or renamed project, so that its name may be created again. */
  synchronized void forget(Project project) {
    generation++;
    ids.remove(project.name());
    names.remove(project.id());
  }

  private static List<Project> query(Connection c, String sql, List<?> args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      SqlAccess.bind(ps, args);
      List<Project> projects = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          projects.add(project(rs));
        }
      }
      return projects;
    }
  }

  private static Project project(ResultSet rs) throws SQLException {
    return new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}

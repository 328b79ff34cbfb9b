package dev.arbor.store.jdbc;

import dev.arbor.model.redaction.RedactionRule;
import dev.arbor.model.redaction.RuleSource;
import dev.arbor.store.RedactionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code redaction_rules} table. */
final class RedactionTable implements RedactionStore {
  private final SqlAccess db;
  private final Clock clock;

  RedactionTable(SqlAccess db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<RedactionRule> list() {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, name, pattern, project, attributes FROM redaction_rules ORDER BY id");
          ResultSet rs = ps.executeQuery()) {
        List<RedactionRule> rules = new ArrayList<>();
        while (rs.next()) {
          List<String> attributes = new ArrayList<>();
          for (Object selector : SpanFieldJson.readList(rs.getString("attributes"))) {
            attributes.add(String.valueOf(selector));
          }
          rules.add(new RedactionRule(rs.getLong("id"), rs.getString("name"), rs.getString("pattern"),
              rs.getString("project"), attributes, RuleSource.API));
        }
        return rules;
      }
    });
  }

  @Override
  public RedactionRule create(RedactionRule rule) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO redaction_rules (name, pattern, project, attributes,"
          + " revision, updated_at) VALUES (?, ?, ?, ?, 1, ?) RETURNING id")) {
        bind(ps, rule);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rule.withId(rs.getLong(1)).withSource(RuleSource.API);
        }
      }
    });
  }

  @Override
  public Optional<RedactionRule> update(long id, RedactionRule rule) {
    int rows = db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE redaction_rules SET name = ?, pattern = ?, project = ?,"
          + " attributes = ?, updated_at = ?, revision = revision + 1 WHERE id = ?")) {
        bind(ps, rule);
        ps.setLong(6, id);
        return ps.executeUpdate();
      }
    });
    return rows == 0 ? Optional.empty() : Optional.of(rule.withId(id).withSource(RuleSource.API));
  }

  /** Whether a redaction rule is scoped to a project of this name. */
  boolean namesProject(Connection c, String project) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM redaction_rules WHERE project = ? LIMIT 1")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Points a renamed project's redaction rules at its new name, on the renaming transaction; their revisions rise,
   * so every server reloads them.
   */
  void renameProject(Connection c, String name, String newName) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE redaction_rules SET project = ?, revision = revision + 1 WHERE project = ?")) {
      ps.setString(1, newName);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  @Override
  public boolean delete(long id) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM redaction_rules WHERE id = ?")) {
        ps.setLong(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public String version() {
    // A create raises the largest id (ids are never reused), a delete lowers the count, an update raises a revision.
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(max(id), 0),"
          + " coalesce(sum(revision), 0) FROM redaction_rules"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3);
      }
    });
  }

  private void bind(PreparedStatement ps, RedactionRule rule) throws SQLException {
    ps.setString(1, rule.name());
    ps.setString(2, rule.pattern());
    ps.setString(3, rule.project());
    ps.setString(4, SpanFieldJson.write(rule.attributes()));
    ps.setLong(5, clock.millis());
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.store.AlertEvent;
import dev.arbor.store.AlertRule;
import dev.arbor.store.AlertState;
import dev.arbor.store.AlertStore;
import dev.arbor.store.StoredAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code alert_rules} and {@code alert_events} tables. */
final class AlertTable implements AlertStore {
  private static final String COLUMNS = "id, name, project, filter, metric, window_seconds, comparison, threshold,"
      + " webhook_url, webhook_format, enabled, state, last_value, last_evaluated_at";

  private final SqlAccess db;
  private final Clock clock;

  AlertTable(SqlAccess db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<StoredAlert> list() {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM alert_rules ORDER BY id", null));
  }

  @Override
  public Optional<StoredAlert> find(long id) {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM alert_rules WHERE id = ?", id)).stream().findFirst();
  }

  @Override
  public StoredAlert create(AlertRule rule) {
    long id = db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rules (name, project, filter, metric,"
          + " window_seconds, comparison, threshold, webhook_url, webhook_format, enabled, state, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OK', ?) RETURNING id")) {
        bind(ps, rule);
        ps.setLong(11, clock.millis());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
    return new StoredAlert(rule.withId(id), AlertState.OK, null, null);
  }

  @Override
  public Optional<StoredAlert> update(long id, AlertRule rule) {
    int rows = db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_rules SET name = ?, project = ?, filter = ?,"
          + " metric = ?, window_seconds = ?, comparison = ?, threshold = ?, webhook_url = ?, webhook_format = ?,"
          + " enabled = ?, state = CASE WHEN ? THEN state ELSE 'OK' END WHERE id = ?")) {
        bind(ps, rule);
        ps.setBoolean(11, rule.enabled());
        ps.setLong(12, id);
        return ps.executeUpdate();
      }
    });
    return rows == 0 ? Optional.empty() : find(id);
  }

  /** Whether an alert rule watches a project of this name. */
  boolean namesProject(Connection c, String project) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert_rules WHERE project = ? LIMIT 1")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Points a renamed project's alert rules at its new name, on the renaming transaction. */
  void renameProject(Connection c, String name, String newName) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE alert_rules SET project = ? WHERE project = ?")) {
      ps.setString(1, newName);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }

  @Override
  public boolean delete(long id) {
    return db.write(c -> {
      run(c, "DELETE FROM alert_events WHERE rule_id = ?", id);
      return run(c, "DELETE FROM alert_rules WHERE id = ?", id) > 0;
    });
  }

  @Override
  public void evaluated(long id, Double value, long atMillis) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE alert_rules SET last_value = ?, last_evaluated_at = ? WHERE id = ?")) {
        setDouble(ps, 1, value);
        ps.setLong(2, atMillis);
        ps.setLong(3, id);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<Long> transition(long id, AlertState from, AlertState to, Double value, long atMillis) {
    return db.write(c -> {
      int changed;
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_rules SET state = ?, last_value = ?,"
          + " last_evaluated_at = ? WHERE id = ? AND state = ?")) {
        ps.setString(1, to.name());
        setDouble(ps, 2, value);
        ps.setLong(3, atMillis);
        ps.setLong(4, id);
        ps.setString(5, from.name());
        changed = ps.executeUpdate();
      }
      if (changed == 0) {
        return Optional.<Long>empty();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_events (rule_id, state, value, threshold, at_millis,"
          + " delivery) SELECT id, ?, ?, threshold, ?, 'pending' FROM alert_rules WHERE id = ? RETURNING id")) {
        ps.setString(1, to.name());
        setDouble(ps, 2, value);
        ps.setLong(3, atMillis);
        ps.setLong(4, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(rs.getLong(1));
        }
      }
    });
  }

  @Override
  public void delivered(long eventId, String delivery) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE alert_events SET delivery = ? WHERE id = ?")) {
        ps.setString(1, delivery);
        ps.setLong(2, eventId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<AlertEvent> events(long ruleId, int limit) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, rule_id, state, value, threshold, at_millis, delivery"
          + " FROM alert_events WHERE rule_id = ? ORDER BY id DESC LIMIT ?")) {
        ps.setLong(1, ruleId);
        ps.setInt(2, limit);
        List<AlertEvent> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            events.add(new AlertEvent(rs.getLong(1), rs.getLong(2), AlertState.valueOf(rs.getString(3)),
                SpanColumns.doubleOrNull(rs, "value"), rs.getDouble(5), rs.getLong(6), rs.getString(7)));
          }
        }
        return events;
      }
    });
  }

  private static void bind(PreparedStatement ps, AlertRule r) throws SQLException {
    ps.setString(1, r.name());
    ps.setString(2, r.project());
    ps.setString(3, r.filter());
    ps.setString(4, r.metric().name());
    ps.setLong(5, r.windowSeconds());
    ps.setString(6, r.comparison().name());
    ps.setDouble(7, r.threshold());
    ps.setString(8, r.webhookUrl());
    ps.setString(9, r.webhookFormat().name());
    ps.setBoolean(10, r.enabled());
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private static int run(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      return ps.executeUpdate();
    }
  }

  private static List<StoredAlert> query(Connection c, String sql, Long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setLong(1, id);
      }
      List<StoredAlert> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AlertRule rule = new AlertRule(rs.getLong("id"), rs.getString("name"), rs.getString("project"),
              rs.getString("filter"), AlertRule.Metric.valueOf(rs.getString("metric")), rs.getLong("window_seconds"),
              AlertRule.Comparison.valueOf(rs.getString("comparison")), rs.getDouble("threshold"),
              rs.getString("webhook_url"), AlertRule.WebhookFormat.valueOf(rs.getString("webhook_format")),
              rs.getBoolean("enabled"));
          long at = rs.getLong("last_evaluated_at");
          Long evaluated = rs.wasNull() ? null : at;
          alerts.add(new StoredAlert(rule, AlertState.valueOf(rs.getString("state")),
              SpanColumns.doubleOrNull(rs, "last_value"), evaluated));
        }
      }
      return alerts;
    }
  }
}

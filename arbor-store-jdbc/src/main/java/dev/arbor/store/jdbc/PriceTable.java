package dev.arbor.store.jdbc;

import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.PriceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code model_prices} and {@code store_facts} tables. */
final class PriceTable implements PriceStore {
  private static final String COLUMNS = "id, project_id, provider, name, pattern, input, output, cache_read,"
      + " cache_write, reasoning, audio_input, audio_output, CAST(prices_as_of AS VARCHAR) AS prices_as_of";

  private final SqlAccess db;
  private final ProjectTable projects;

  PriceTable(SqlAccess db, ProjectTable projects) {
    this.db = db;
    this.projects = projects;
  }

  @Override
  public List<ModelPrice> list() {
    return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM model_prices ORDER BY id", null));
  }

  /** The id of the price's project, or null for a global price; an unknown project is refused. */
  private Long projectId(ModelPrice price) {
    if (price.project() == null) {
      return null;
    }
    return projects.find(price.project())
        .orElseThrow(() -> new IllegalArgumentException("project not found: " + price.project())).id();
  }

  @Override
  public ModelPrice create(ModelPrice price) {
    Long[] projectId = {projectId(price)};
    ModelPrice created = db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_prices (project_id, provider, name, pattern,"
          + " input, output, cache_read, cache_write, reasoning, audio_input, audio_output, prices_as_of, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS DATE), current_timestamp) RETURNING id")) {
        bindValues(ps, projectId[0], price);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return price.withId(rs.getLong(1));
        }
      }
    });
    return new ModelPrice(created.id(), created.project(), created.provider(), created.name(), created.pattern(),
        created.prices(), PriceSource.CUSTOM, created.pricesAsOf());
  }

  @Override
  public Optional<ModelPrice> update(long id, ModelPrice price) {
    Long[] projectId = {projectId(price)};
    int rows = db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE model_prices SET project_id = ?, provider = ?, name = ?,"
          + " pattern = ?, input = ?, output = ?, cache_read = ?, cache_write = ?, reasoning = ?, audio_input = ?,"
          + " audio_output = ?, prices_as_of = CAST(? AS DATE), updated_at = current_timestamp WHERE id = ?")) {
        bindValues(ps, projectId[0], price);
        ps.setLong(13, id);
        return ps.executeUpdate();
      }
    });
    return rows == 0 ? Optional.empty() : Optional.of(new ModelPrice(id, price.project(), price.provider(),
        price.name(), price.pattern(), price.prices(), PriceSource.CUSTOM, price.pricesAsOf()));
  }

  @Override
  public boolean delete(long id) {
    return db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_prices WHERE id = ?")) {
        ps.setLong(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<String> fact(String name) {
    return db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT value FROM store_facts WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public void putFact(String name, String value) {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO store_facts (name, value) VALUES (?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
        ps.setString(1, name);
        ps.setString(2, value);
        return ps.executeUpdate();
      }
    });
  }

  /** Deletes a project's prices, inside the project deletion's transaction. */
  static void deleteOfProject(Connection c, long projectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM model_prices WHERE project_id = ?")) {
      ps.setLong(1, projectId);
      ps.executeUpdate();
    }
  }

  private static void bindValues(PreparedStatement ps, Long projectId, ModelPrice p) throws SQLException {
    TokenPrices t = p.prices();
    if (projectId == null) {
      ps.setNull(1, Types.BIGINT);
    } else {
      ps.setLong(1, projectId);
    }
    ps.setString(2, p.provider());
    ps.setString(3, p.name());
    ps.setString(4, p.pattern());
    ps.setDouble(5, t.input());
    ps.setDouble(6, t.output());
    setDouble(ps, 7, t.cacheRead());
    setDouble(ps, 8, t.cacheWrite());
    setDouble(ps, 9, t.reasoning());
    setDouble(ps, 10, t.audioInput());
    setDouble(ps, 11, t.audioOutput());
    ps.setString(12, p.pricesAsOf() == null ? null : p.pricesAsOf().toString());
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private List<ModelPrice> query(Connection c, String sql, Long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setLong(1, id);
      }
      List<ModelPrice> prices = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long projectId = rs.getLong("project_id");
          String project = rs.wasNull() ? null : projects.name(c, projectId);
          String asOf = rs.getString("prices_as_of");
          prices.add(new ModelPrice(rs.getLong("id"), project, rs.getString("provider"), rs.getString("name"),
              rs.getString("pattern"), new TokenPrices(rs.getDouble("input"), rs.getDouble("output"),
                  SpanColumns.doubleOrNull(rs, "cache_read"), SpanColumns.doubleOrNull(rs, "cache_write"),
                  SpanColumns.doubleOrNull(rs, "reasoning"), SpanColumns.doubleOrNull(rs, "audio_input"),
                  SpanColumns.doubleOrNull(rs, "audio_output")),
              PriceSource.CUSTOM, asOf == null ? null : LocalDate.parse(asOf)));
        }
      }
      return prices;
    }
  }
}

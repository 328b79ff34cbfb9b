package dev.arbor.store.jdbc;

import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.store.CostGroup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Recomputes stored costs after a price change, one group of spans (project, provider, model) at a time, in
 * transactions of at most {@link #CHUNK_IDS} span ids each: the rollups' change of cost (counted by the database
 * before the update), the spans' cost columns in one {@code UPDATE}, then their traces' totals from their spans. The
 * arithmetic is {@link TokenPrices#cost}'s, written in SQL in the same order so that the doubles agree. A group of
 * millions of spans in one statement outlasted the PostgreSQL connection's socket timeout (120 s) and, retried, never
 * finished; a chunk is short and a retry redoes only what is left to do (repricing is idempotent). Only spans whose
 * cost changes are written, and a chunk with none takes no lock and writes nothing, so a start whose price book
 * changed for other models reads the spans once.
 */
final class CostRecompute {
  private static final String PRICEABLE = TraceTotals.PRICEABLE;
  /** Span ids per transaction. */
  static final long CHUNK_IDS = 50_000;
  /** A group's spans with ids in {@code (from, to]}. */
  private static final String GROUP = "project_id = ? AND model_name = ? AND provider IS NOT DISTINCT FROM ?"
      + " AND id > ? AND id <= ?";

  private static final String INPUT = "CAST(greatest(coalesce(prompt_tokens, 0) - coalesce(cache_read_tokens, 0)"
      + " - coalesce(cache_write_tokens, 0) - coalesce(prompt_audio_tokens, 0), 0) AS DOUBLE PRECISION) * ? / 1000000";
  private static final String OUTPUT = "CAST(greatest(coalesce(completion_tokens, 0) - coalesce(reasoning_tokens, 0)"
      + " - coalesce(completion_audio_tokens, 0), 0) AS DOUBLE PRECISION) * ? / 1000000";
  private static final String CACHE_READ = "CAST(coalesce(cache_read_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000";
  private static final String CACHE_WRITE = "CAST(coalesce(cache_write_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000";
  private static final String REASONING = "CAST(coalesce(reasoning_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000";
  private static final String AUDIO = "(CAST(coalesce(prompt_audio_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000"
      + " + CAST(coalesce(completion_audio_tokens, 0) AS DOUBLE PRECISION) * ? / 1000000)";

  /** The cost columns in the order of {@link #PARTS}, then the total. */
  private static final List<String> COLUMNS = List.of("cost_input", "cost_output", "cost_cache_read",
      "cost_cache_write", "cost_reasoning", "cost_audio", "cost_total");
  private static final List<String> PARTS = List.of(INPUT, OUTPUT, CACHE_READ, CACHE_WRITE, REASONING, AUDIO);
  /** Each column's new value; binds the seven prices twice (the parts, then the total's parts). */
  private static final List<String> NEW_VALUES = Stream.concat(PARTS.stream(),
      Stream.of(String.join(" + ", PARTS))).toList();

  /**
   * The span's stored cost differs from the new one. Only those spans are rewritten: on PostgreSQL an update writes
   * a new version of the whole row, so repricing 10M spans whose cost did not change (a price book that changed
   * elsewhere) rewrote 27 GB and left it to vacuum. The doubles compare exactly, the arithmetic being the same.
   */
  private static final String CHANGED = IntStream.range(0, COLUMNS.size())
      .mapToObj(i -> COLUMNS.get(i) + " IS DISTINCT FROM " + NEW_VALUES.get(i))
      .collect(Collectors.joining(" OR ", "(", ")"));
  private static final String PRICED = COLUMNS.stream().map(c -> c + " IS NOT NULL")
      .collect(Collectors.joining(" OR ", "(", ")"));

  private static final String PRICE = "UPDATE spans SET " + IntStream.range(0, COLUMNS.size())
      .mapToObj(i -> COLUMNS.get(i) + " = " + NEW_VALUES.get(i))
      .collect(Collectors.joining(", ")) + " WHERE " + GROUP + " AND " + PRICEABLE + " AND "
      + CHANGED;
  private static final String PRICE_CHANGES = "SELECT count(*) FROM spans WHERE " + GROUP + " AND " + PRICEABLE
      + " AND " + CHANGED;

  private static final String UNPRICE = "UPDATE spans SET "
      + COLUMNS.stream().map(c -> c + " = NULL").collect(Collectors.joining(", "))
      + " WHERE " + GROUP + " AND " + PRICEABLE + " AND " + PRICED;
  private static final String UNPRICE_CHANGES = "SELECT count(*) FROM spans WHERE " + GROUP + " AND " + PRICEABLE
      + " AND " + PRICED;

  private static final String TRACES = "UPDATE traces SET cost = x.cost, unpriced_count = x.unpriced FROM ("
      + "SELECT project_id, trace_id, sum(cost_total) AS cost, count(*) FILTER (WHERE " + TraceTotals.UNPRICED
      + ") AS unpriced FROM spans WHERE project_id = ? AND trace_id IN (SELECT trace_id FROM spans WHERE " + GROUP
      + ") GROUP BY project_id, trace_id) x WHERE traces.project_id = x.project_id AND traces.trace_id = x.trace_id"
      + " AND (traces.cost IS DISTINCT FROM x.cost OR traces.unpriced_count IS DISTINCT FROM x.unpriced)";

  /**
   * Locks the group's traces rows in key order before their totals are recomputed. Without it, on PostgreSQL,
   * an ingest committing a span of one of them during the recompute would have its cost dropped (the totals'
   * sum is read from a snapshot taken before it committed), and the two could deadlock, ingest locking the
   * same rows in key order.
   */
  private static final String LOCK_TRACES = "SELECT 1 FROM traces WHERE project_id = ? AND trace_id IN"
      + " (SELECT trace_id FROM spans WHERE " + GROUP + ") ORDER BY trace_id";

  private final SqlAccess db;
  private final SqlDialect dialect;
  private final ProjectTable projects;
  private final RollupDeltas rollups;

  CostRecompute(SqlAccess db, SqlDialect dialect, ProjectTable projects, RollupDeltas rollups) {
    this.db = db;
    this.dialect = dialect;
    this.projects = projects;
    this.rollups = rollups;
  }

  List<CostGroup> groups() {
    return db.read(c -> {
      List<CostGroup> groups = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT project_id, provider, model_name, count(*) FROM spans"
          + " WHERE model_name IS NOT NULL AND " + PRICEABLE + " GROUP BY project_id, provider, model_name"
          + " ORDER BY project_id, model_name, provider");
           ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          groups.add(new CostGroup(projects.name(c, rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getLong(4)));
        }
      }
      return groups;
    });
  }

  long recompute(CostGroup group, TokenPrices prices) {
    var project = projects.find(group.project());
    if (project.isEmpty()) {
      return 0;
    }
    long projectId = project.get().id();
    long[] ids = db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT min(id), max(id) FROM spans WHERE project_id = ?"
          + " AND model_name = ? AND provider IS NOT DISTINCT FROM ?")) {
        bindGroup(ps, 1, projectId, group);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long min = rs.getLong(1);
          return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        }
      }
    });
    if (ids == null) {
      return 0;
    }
    long updated = 0;
    for (long from = ids[0] - 1; from < ids[1]; from += CHUNK_IDS) {
      updated += recompute(group, prices, projectId, from, Math.min(ids[1], from + CHUNK_IDS));
    }
    return updated;
  }

  /** Reprices the group's spans with ids in {@code (from, to]}, in one transaction. */
  private long recompute(CostGroup group, TokenPrices prices, long projectId, long from, long to) {
    return db.write(c -> {
      if (changes(c, group, prices, projectId, from, to) == 0) {
        return 0L;
      }
      if (!dialect.forUpdate().isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(LOCK_TRACES + dialect.forUpdate())) {
          ps.setLong(1, projectId);
          bindChunk(ps, 2, projectId, group, from, to);
          ps.executeQuery().close();
        }
      }
      // The rollups take the change of cost, counted before the update with no write committing until the end (the
      // writers' lock on PostgreSQL, taken after the traces rows as ingest takes them; DuckDB has one writer). The
      // update's own lock on the spans comes first, as a change of the rollups' attribute takes the two.
      for (String lock : java.util.Arrays.asList(dialect.lockForUpdate("spans"),
          dialect.lockForWriters("span_rollups"))) {
        if (lock != null) {
          try (var st = c.createStatement()) {
            st.execute(lock);
          }
        }
      }
      List<Object> groupArgs = new ArrayList<>(List.of(projectId, group.modelName()));
      String groupWhere = "project_id = ? AND model_name = ? AND " + (group.provider() == null ? "provider IS NULL"
          : "provider = ?") + " AND id > ? AND id <= ? AND " + PRICEABLE + " AND " + (prices == null ? PRICED
          : CHANGED);
      if (group.provider() != null) {
        groupArgs.add(group.provider());
      }
      groupArgs.addAll(List.of(from, to));
      List<Object> newCostArgs = new ArrayList<>();
      if (prices != null) {
        groupArgs.addAll(priceArgs(prices)); // CHANGED's
        newCostArgs.addAll(priceArgs(prices).subList(0, 7)); // the total's
      }
      rollups.appendCostChange(c, groupWhere, groupArgs, prices == null ? null : NEW_VALUES.get(6), newCostArgs);
      long updated;
      try (PreparedStatement ps = c.prepareStatement(prices == null ? UNPRICE : PRICE)) {
        int p = bindPrices(ps, 1, prices);
        bindChunk(ps, p, projectId, group, from, to);
        bindPrices(ps, p + 5, prices);
        updated = ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(TRACES)) {
        ps.setLong(1, projectId);
        bindChunk(ps, 2, projectId, group, from, to);
        ps.executeUpdate();
      }
      return updated;
    });
  }

  /** How many of the chunk's spans the prices (null: none) would change. */
  private static long changes(Connection c, CostGroup group, TokenPrices prices, long projectId, long from,
      long to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(prices == null ? UNPRICE_CHANGES : PRICE_CHANGES)) {
      bindChunk(ps, 1, projectId, group, from, to);
      bindPrices(ps, 6, prices);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Binds the prices of {@link #NEW_VALUES} from {@code p} on (nothing when {@code prices} is null); returns the
   * next index.
   */
  private static int bindPrices(PreparedStatement ps, int p, TokenPrices prices) throws SQLException {
    if (prices == null) {
      return p;
    }
    for (double price : priceArgs(prices)) {
      ps.setDouble(p++, price);
    }
    return p;
  }

  /** The prices {@link #NEW_VALUES} binds: the seven parts' prices, then the total's (the same seven again). */
  private static List<Double> priceArgs(TokenPrices prices) {
    List<Double> perPart = List.of(prices.input(), prices.output(), prices.cacheReadOrInput(),
        prices.cacheWriteOrInput(), prices.reasoningOrOutput(), prices.audioInputOrInput(),
        prices.audioOutputOrOutput());
    List<Double> args = new ArrayList<>(perPart);
    args.addAll(perPart);
    return args;
  }

  /** Binds the group (project, model, provider) from {@code p} on; returns the next index. */
  private static int bindGroup(PreparedStatement ps, int p, long projectId, CostGroup group) throws SQLException {
    ps.setLong(p++, projectId);
    ps.setString(p++, group.modelName());
    if (group.provider() == null) {
      ps.setNull(p++, Types.VARCHAR);
    } else {
      ps.setString(p++, group.provider());
    }
    return p;
  }

  /** Binds {@link #GROUP}: the group, then the ids in {@code (from, to]}. */
  private static void bindChunk(PreparedStatement ps, int p, long projectId, CostGroup group, long from, long to)
      throws SQLException {
    int next = bindGroup(ps, p, projectId, group);
    ps.setLong(next, from);
    ps.setLong(next + 1, to);
  }
}

package dev.arbor.store.jdbc;

import dev.arbor.store.Annotation;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationQuery;
import dev.arbor.store.AnnotationTarget;
import dev.arbor.store.Page;
import dev.arbor.store.Project;
import dev.arbor.store.UnknownTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The {@code annotations} table: upserts on (target, target id, document position, name, identifier). */
final class AnnotationTable {
  private static final String COLUMNS = "id, project_id, target, target_id, document_position, name, annotator_kind,"
      + " label, score, explanation, metadata, identifier, source, created_at, updated_at";

  private final SqlAccess db;
  private final ProjectTable projects;
  private final Clock clock;

  AnnotationTable(SqlAccess db, ProjectTable projects, Clock clock) {
    this.db = db;
    this.projects = projects;
    this.clock = clock;
  }

  List<Long> upsert(List<AnnotationInput> annotations) {
    return db.write(c -> {
      Map<String, Long> projectOf = projectsOfTargets(c, annotations);
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      List<Long> ids = new ArrayList<>(annotations.size());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO annotations (project_id, target, target_id,"
          + " document_position, name, annotator_kind, label, score, explanation, metadata, identifier, source,"
          + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (target, target_id, document_position, name, identifier) DO UPDATE SET"
          + " annotator_kind = excluded.annotator_kind, label = excluded.label, score = excluded.score,"
          + " explanation = excluded.explanation, metadata = excluded.metadata, source = excluded.source,"
          + " updated_at = excluded.updated_at RETURNING id")) {
        for (AnnotationInput a : annotations) {
          ps.setLong(1, projectOf.get(key(a.target(), a.targetId())));
          ps.setString(2, a.target().name());
          ps.setString(3, a.targetId());
          ps.setInt(4, a.documentPosition() == null ? -1 : a.documentPosition());
          ps.setString(5, a.name());
          ps.setString(6, a.annotatorKind());
          ps.setString(7, a.label());
          if (a.score() == null) {
            ps.setNull(8, java.sql.Types.DOUBLE);
          } else {
            ps.setDouble(8, a.score());
          }
          ps.setString(9, a.explanation());
          ps.setString(10, SpanFieldJson.write(a.metadata()));
          ps.setString(11, a.identifier());
          ps.setString(12, a.source());
          ps.setObject(13, now);
          ps.setObject(14, now);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            ids.add(rs.getLong(1));
          }
        }
      }
      return ids;
    });
  }

  private static String key(AnnotationTarget target, String id) {
    return (target == AnnotationTarget.DOCUMENT ? AnnotationTarget.SPAN : target) + ":" + id;
  }

  /** The project of every target, or {@link UnknownTargetException} naming those that do not exist. */
  private static Map<String, Long> projectsOfTargets(Connection c, List<AnnotationInput> annotations)
      throws SQLException {
    Map<String, Long> found = new HashMap<>();
    for (AnnotationTarget target : AnnotationTarget.values()) {
      List<String> ids = annotations.stream().filter(a -> a.target() == target).map(AnnotationInput::targetId)
          .distinct().toList();
      if (ids.isEmpty()) {
        continue;
      }
      String sql = switch (target) {
        case SPAN, DOCUMENT -> "SELECT span_id, min(project_id) FROM spans WHERE span_id IN (%s) GROUP BY span_id";
        case TRACE -> "SELECT trace_id, min(project_id) FROM spans WHERE trace_id IN (%s) GROUP BY trace_id";
        case SESSION -> "SELECT session_id, min(project_id) FROM sessions WHERE session_id IN (%s) GROUP BY session_id";
      };
      try (PreparedStatement ps = c.prepareStatement(sql.formatted(SqlAccess.marks(ids.size())))) {
        SqlAccess.bind(ps, ids);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.put(key(target, rs.getString(1)), rs.getLong(2));
          }
        }
      }
      List<String> missing = ids.stream().filter(id -> !found.containsKey(key(target, id))).toList();
      if (!missing.isEmpty()) {
        throw new UnknownTargetException(target == AnnotationTarget.DOCUMENT ? AnnotationTarget.SPAN : target, missing);
      }
    }
    return found;
  }

  Page<Annotation> find(AnnotationQuery query) {
    Optional<Project> project = projects.find(query.project());
    if (project.isEmpty()) {
      return Page.of(List.of(), OptionalLong.empty());
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM annotations WHERE project_id = ? AND target = ?");
    List<Object> args = new ArrayList<>(List.of(project.get().id(), query.target().name()));
    in(sql, args, "target_id", query.targetIds(), false);
    in(sql, args, "identifier", query.identifiers(), false);
    in(sql, args, "name", query.includeNames(), false);
    in(sql, args, "name", query.excludeNames(), true);
    if (query.page().cursor() != null) {
      sql.append(" AND id <= ?");
      args.add(query.page().cursor());
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add((long) query.page().limit() + 1);
    return db.read(c -> {
      List<Annotation> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        SqlAccess.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(annotation(rs, query.project()));
          }
        }
      }
      return Page.fromOverRead(rows, query.page().limit(), Annotation::id);
    });
  }

  private static void in(StringBuilder sql, List<Object> args, String column, List<String> values, boolean negated) {
    if (!values.isEmpty()) {
      sql.append(" AND ").append(column).append(negated ? " NOT IN (" : " IN (")
          .append(SqlAccess.marks(values.size())).append(')');
      args.addAll(values);
    }
  }

  private static Annotation annotation(ResultSet rs, String project) throws SQLException {
    AnnotationTarget target = AnnotationTarget.valueOf(rs.getString("target"));
    int position = rs.getInt("document_position");
    Object score = rs.getObject("score");
    AnnotationInput input = new AnnotationInput(target, rs.getString("target_id"),
        target == AnnotationTarget.DOCUMENT ? position : null, rs.getString("name"), rs.getString("annotator_kind"),
        rs.getString("label"), score == null ? null : ((Number) score).doubleValue(), rs.getString("explanation"),
        SpanFieldJson.readMap(rs.getString("metadata")), rs.getString("identifier"), rs.getString("source"));
    return new Annotation(rs.getLong("id"), project, input,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}

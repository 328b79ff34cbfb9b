package dev.arbor.store.postgres;

import dev.arbor.store.filter.Expr;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.ValueType;
import dev.arbor.store.jdbc.FilterSql;
import java.util.List;

/**
 * The filter compiler's PostgreSQL words: JSONB operators with one bound key per step, the schema's
 * {@code arbor_to_double} and {@code arbor_jsonb} functions for values that may not parse, and text
 * parameters collated "C" so text compares by code point, as the reference evaluator compares it.
 */
final class PostgresFilterSql extends FilterSql {
  private PostgresFilterSql(Filter filter) {
    super(filter.scope());
  }

  static Compiled compile(Filter filter) {
    return new PostgresFilterSql(filter).translate(filter);
  }

  @Override
  protected String doubleType() {
    return "DOUBLE PRECISION";
  }

  @Override
  protected String textType() {
    return "TEXT";
  }

  @Override
  protected String textParameter() {
    return "CAST(? AS TEXT) COLLATE \"C\"";
  }

  @Override
  protected void json(String column, List<String> path, boolean asText) {
    // attributes is JSONB; metadata is the text the application sent, which need not be JSON.
    sql.append('(').append(column.equals("s.attributes") ? column : "arbor_jsonb(" + column + ")");
    for (int i = 0; i < path.size(); i++) {
      sql.append(asText && i == path.size() - 1 ? " ->> " : " -> ");
      bind(path.get(i), ValueType.TEXT);
    }
    sql.append(')');
  }

  @Override
  protected void textToDouble(Expr text) {
    sql.append("arbor_to_double(");
    emit(text);
    sql.append(')');
  }

  @Override
  protected void substring(Expr haystack, Expr needle) {
    sql.append("(strpos(");
    emit(haystack);
    sql.append(", ");
    emit(needle);
    sql.append(") > 0)");
  }

  @Override
  protected void listContains(Expr list, Expr item) {
    sql.append("(arbor_jsonb(");
    emit(list);
    sql.append(") @> jsonb_build_array(");
    emit(item);
    sql.append("))");
  }
}

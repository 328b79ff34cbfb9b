package dev.arbor.store.duckdb;

import dev.arbor.store.filter.Expr;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.ValueType;
import dev.arbor.store.jdbc.FilterSql;
import java.util.List;

/** The filter compiler's DuckDB words: JSON Pointer paths into JSON text, {@code TRY_CAST}, list functions. */
final class DuckDbFilterSql extends FilterSql {
  private DuckDbFilterSql(Filter filter) {
    super(filter.scope());
  }

  static Compiled compile(Filter filter) {
    return new DuckDbFilterSql(filter).translate(filter);
  }

  @Override
  protected String doubleType() {
    return "DOUBLE";
  }

  @Override
  protected String textType() {
    return "VARCHAR";
  }

  @Override
  protected void json(String column, List<String> path, boolean asText) {
    sql.append(asText ? "json_extract_string(" : "json_extract(").append(column).append(", ");
    bind(pointer(path), ValueType.TEXT);
    sql.append(')');
  }

  /** The reference evaluator's number syntax; DuckDB's own cast also reads 'nan' and 'inf', which it does not. */
  private static final String NUMBER = "\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*";

  @Override
  protected void textToDouble(Expr text) {
    sql.append("(CASE WHEN regexp_full_match(");
    emit(text);
    sql.append(", '").append(NUMBER).append("') THEN TRY_CAST(");
    emit(text);
    sql.append(" AS DOUBLE) END)");
  }

  @Override
  protected void substring(Expr haystack, Expr needle) {
    sql.append("contains(");
    emit(haystack);
    sql.append(", ");
    emit(needle);
    sql.append(')');
  }

  @Override
  protected void listContains(Expr list, Expr item) {
    sql.append("list_contains(json_extract_string(");
    emit(list);
    sql.append(", '$[*]'), ");
    emit(item);
    sql.append(')');
  }
}

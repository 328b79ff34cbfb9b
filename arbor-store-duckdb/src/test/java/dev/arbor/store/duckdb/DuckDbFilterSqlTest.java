package dev.arbor.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import dev.arbor.store.tests.FilterContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The SQL the compiler writes for every expression of the filter contract is the checked-in snapshot; a
 * change to the generated SQL must change the snapshot too ({@code target/duckdb-filter-sql.actual.txt}
 * holds what was generated). User values appear only as bind arguments.
 */
class DuckDbFilterSqlTest {

  @Test
  void generatedSql_isTheSnapshot() throws IOException {
    StringBuilder actual = new StringBuilder();
    for (String expression : FilterContract.SPAN_FILTERS) {
      append(actual, Scope.SPAN, expression);
    }
    for (String expression : FilterContract.TRACE_FILTERS) {
      append(actual, Scope.TRACE, expression);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "duckdb-filter-sql.actual.txt"), actual);
    assertThat(actual.toString()).isEqualTo(snapshot());
  }

  @Test
  void userText_neverReachesTheSql() {
    String hostile = "x'); DROP TABLE spans; --";
    DuckDbFilterSql.Compiled compiled = DuckDbFilterSql.compile(Filter.parse(Scope.SPAN,
        "name == \"" + hostile + "\" or attributes[\"" + hostile + "\"] == 1"));

    assertThat(compiled.sql()).doesNotContain("DROP");
    assertThat(compiled.args()).contains(hostile, "/" + hostile);
  }

  private static void append(StringBuilder out, Scope scope, String expression) {
    DuckDbFilterSql.Compiled compiled = DuckDbFilterSql.compile(Filter.parse(scope, expression));
    out.append(scope).append(": ").append(expression).append('\n')
        .append("  ").append(compiled.sql()).append('\n')
        .append("  ").append(compiled.args()).append("\n\n");
  }

  private static String snapshot() throws IOException {
    try (InputStream in = DuckDbFilterSqlTest.class.getResourceAsStream("/filter/duckdb-filter-sql.txt")) {
      return in == null ? "(no snapshot checked in)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

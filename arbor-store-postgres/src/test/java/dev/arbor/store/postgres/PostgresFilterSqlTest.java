package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import dev.arbor.store.jdbc.FilterSql;
import dev.arbor.store.tests.Snapshots;
import org.junit.jupiter.api.Test;

/**
 * The SQL the compiler writes for every expression of the filter contract is the checked-in snapshot; a
 * change to the generated SQL must change the snapshot too ({@code target/postgres-filter-sql.actual.txt}
 * holds what was generated). User values appear only as bind arguments.
 */
class PostgresFilterSqlTest {

  @Test
  void generatedSql_isTheSnapshot() {
    String actual = Snapshots.filterSql(filter -> {
      FilterSql.Compiled compiled = PostgresFilterSql.compile(filter);
      return "  " + compiled.sql() + "\n  " + compiled.args();
    });

    assertThat(actual).isEqualTo(Snapshots.expected("/filter/postgres-filter-sql.txt", actual));
  }

  @Test
  void userText_neverReachesTheSql() {
    String hostile = "x'); DROP TABLE spans; --";
    FilterSql.Compiled compiled = PostgresFilterSql.compile(Filter.parse(Scope.SPAN,
        "name == \"" + hostile + "\" or attributes[\"" + hostile + "\"] == 1"));

    assertThat(compiled.sql()).doesNotContain("DROP");
    assertThat(compiled.args()).contains(hostile, hostile);
  }
}

package dev.arbor.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSqlTest {
  @Test
  void jsonPointers_escapeSlashAndTilde() {
    assertThat(FilterSql.pointer(List.of("a/b", "c~d", "llm.model_name"))).isEqualTo("/a~1b/c~0d/llm.model_name");
  }

  @Test
  void traceFilters_readTheRootSpan_unlessTheyReadTotalsAlone() {
    for (String totals : new String[] {"error_count > 0", "span_count >= 2 and cost > 0.10",
        "not (total_tokens in [1, 2]) or llm.token_count.completion_details.reasoning is None"}) {
      assertThat(FilterSql.readsRootSpan(Filter.parse(Scope.TRACE, totals).root())).as(totals).isFalse();
      assertThat(FilterSql.readsTotals(Filter.parse(Scope.TRACE, totals).root())).as(totals).isTrue();
    }
    assertThat(FilterSql.readsTotals(Filter.parse(Scope.TRACE, "name == 'chat' and latency_ms > 1").root())).isFalse();
    for (String root : new String[] {"error_count > 0 and name == 'chat'", "attributes['agent'] == 'a'",
        "latency_ms > 100", "annotations['quality'].score > 0.5", "cost > 0 or status_code == 'ERROR'"}) {
      assertThat(FilterSql.readsRootSpan(Filter.parse(Scope.TRACE, root).root())).as(root).isTrue();
    }
  }
}

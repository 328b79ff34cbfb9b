package dev.arbor.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterSqlTest {
  @Test
  void jsonPointers_escapeSlashAndTilde() {
    assertThat(FilterSql.pointer(List.of("a/b", "c~d", "llm.model_name"))).isEqualTo("/a~1b/c~0d/llm.model_name");
  }
}

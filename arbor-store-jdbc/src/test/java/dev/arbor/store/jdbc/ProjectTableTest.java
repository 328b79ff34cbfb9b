package dev.arbor.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.store.Project;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The writer's name-to-id cache: a batch that looked up its ids before a project was renamed or deleted commits
 * after it, and must not put the old name's id back (spans sent under the old name would then land in the renamed
 * project, or in a deleted one).
 */
class ProjectTableTest {
  private final ProjectTable table = new ProjectTable(null, true);

  @Test
  void idsOfABatchFromBeforeARenameOrDeletion_areNotCached() {
    long seen = table.generation();
    table.forget(new Project(5, "renamed", null, Instant.EPOCH)); // inside the rename's transaction

    table.remember(Map.of("old-name", 5L), seen);

    assertThat(table.cachedId("old-name")).isNull();
  }

  @Test
  void idsOfABatchWithNoRenameSince_areCached() {
    long seen = table.generation();

    table.remember(Map.of("p", 7L), seen);

    assertThat(table.cachedId("p")).isEqualTo(7L);
  }
}

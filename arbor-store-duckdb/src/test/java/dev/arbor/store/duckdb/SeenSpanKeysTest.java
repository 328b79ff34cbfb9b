package dev.arbor.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenSpanKeysTest {

  @Test
  void addedKeysAreAlwaysFound_evenAfterGrowing() {
    SeenSpanKeys keys = new SeenSpanKeys(1024);
    for (int i = 0; i < 10_000; i++) {
      keys.add("trace-" + i, "span-" + i);
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(keys.mightContain("trace-" + i, "span-" + i)).isTrue();
    }
  }

  @Test
  void falsePositivesAreRare() {
    SeenSpanKeys keys = new SeenSpanKeys(100_000);
    for (int i = 0; i < 100_000; i++) {
      keys.add("trace-" + i, "span-" + i);
    }
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      if (keys.mightContain("other-" + i, "span-" + i)) {
        falsePositives++;
      }
    }
    assertThat(falsePositives).isLessThan(100);
  }
}

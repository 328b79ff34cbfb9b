package dev.arbor.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Span;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.WriteResult;
import dev.arbor.store.tests.TestPostgres;
import dev.arbor.store.tests.TestSpans;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one schema (two Arbor servers) write overlapping batches at the same time, in different
 * orders, as exporters' retries through a load balancer would: every span is stored once, the trace totals
 * count each once, and neither writer fails (no deadlock between them).
 */
class ITPostgresConcurrentWriters {

  @Test
  void twoWritersOfTheSameSpansAtOnce_storeEachOnce_andCountItOnce() {
    String schema = TestPostgres.freshSchema();
    try (PostgresSpanStore a = PostgresSpanStore.open(PostgresSettings.fromUrl(TestPostgres.url(), schema, 2));
         PostgresSpanStore b = PostgresSpanStore.open(PostgresSettings.fromUrl(TestPostgres.url(), schema, 2))) {
      List<Span> spans = new ArrayList<>();
      for (int trace = 0; trace < 200; trace++) {
        for (int n = 0; n < 5; n++) {
          spans.add(TestSpans.span("shared", trace, trace * 5L + n));
        }
      }
      List<Span> reversed = new ArrayList<>(spans);
      Collections.reverse(reversed);

      List<WriteResult> results = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        CompletableFuture<WriteResult> first = CompletableFuture.supplyAsync(() -> a.write(spans));
        CompletableFuture<WriteResult> second = CompletableFuture.supplyAsync(() -> b.write(reversed));
        results.add(first.join());
        results.add(second.join());
      }

      assertThat(results.stream().mapToLong(WriteResult::stored).sum()).isEqualTo(spans.size());
      List<TraceSummary> traces = a.findTraces(TraceQuery.newest("shared", 1000)).items();
      assertThat(traces).hasSize(200).allSatisfy(t -> assertThat(t.spanCount()).isEqualTo(5));
    }
  }
}

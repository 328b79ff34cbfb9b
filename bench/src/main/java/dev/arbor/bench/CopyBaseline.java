package dev.arbor.bench;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.store.postgres.PostgresSpanStore;
import dev.arbor.store.postgres.SpanCopy;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The ceiling for ingest on PostgreSQL: the same spans COPYed straight into the same {@code spans} table
 * (same indexes and compression; one default partition), one commit per batch, and none of the server's or
 * the store's work (no network, decoding, staging table, duplicate check or trace totals). Only COPY and
 * commit are timed.
 */
final class CopyBaseline {
  private CopyBaseline() {}

  /** Spans per second COPYing {@code total} generated spans in commits of {@code batch}. */
  static double run(BenchPostgres postgres, String schema, int total, int batch) throws Exception {
    PostgresSpanStore.open(postgres.settings(schema)).close();
    LlmSpanGenerator generator = new LlmSpanGenerator("baseline", 7);
    OtlpDecoder decoder = OtlpDecoder.create(524_288);
    SpanNormalizer normalizer = SpanNormalizer.create();
    long timed = 0;
    try (Connection c = postgres.connect(schema)) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE spans_baseline PARTITION OF spans DEFAULT");
      }
      c.setAutoCommit(false);
      StringBuilder line = new StringBuilder(8192);
      for (int done = 0; done < total; done += batch) {
        List<Span> spans = new ArrayList<>(batch);
        for (Span span : decoder.decode(generator.request(batch), null).spans()) {
          spans.add(normalizer.normalize(span));
        }
        long started = System.nanoTime();
        try (PGCopyOutputStream out = new PGCopyOutputStream(c.unwrap(PGConnection.class),
            "COPY spans (" + SpanCopy.COLUMNS + ") FROM STDIN", 1 << 16);
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
          for (Span span : spans) {
            line.setLength(0);
            SpanCopy.append(line, 1, span);
            writer.append(line);
          }
        }
        c.commit();
        timed += System.nanoTime() - started;
      }
    }
    return total / (timed / 1e9);
  }
}

package dev.arbor.bench;

import dev.arbor.model.Span;
import dev.arbor.model.normalize.SpanNormalizer;
import dev.arbor.otlp.OtlpDecoder;
import dev.arbor.store.duckdb.DuckDbSettings;
import dev.arbor.store.duckdb.DuckDbSpanStore;
import dev.arbor.store.duckdb.SpanRows;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The ceiling for ingest: the same spans appended straight into the same table with DuckDB's Appender,
 * same settings, one commit per batch, and none of the server's work (no network, decoding,
 * normalisation, queue or duplicate check). Only append and commit are timed.
 */
final class AppenderBaseline {
  private AppenderBaseline() {}

  /** Spans per second appending {@code total} generated spans in commits of {@code batch}. */
  static double run(Path file, String checkpointThreshold, int total, int batch) throws Exception {
    DuckDbSpanStore.open(new DuckDbSettings(file, checkpointThreshold, null)).close();
    LlmSpanGenerator generator = new LlmSpanGenerator("baseline", 7);
    OtlpDecoder decoder = OtlpDecoder.create(524_288);
    SpanNormalizer normalizer = SpanNormalizer.create();
    long timed = 0;
    long id = 1;
    try (DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement st = connection.createStatement()) {
        st.execute("SET checkpoint_threshold = '" + checkpointThreshold + "'");
        st.execute("INSERT INTO projects (name) VALUES ('baseline')");
      }
      connection.setAutoCommit(false);
      for (int done = 0; done < total; done += batch) {
        List<Span> spans = new ArrayList<>(batch);
        for (Span span : decoder.decode(generator.request(batch), null).spans()) {
          spans.add(normalizer.normalize(span));
        }
        long started = System.nanoTime();
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "spans")) {
          for (Span span : spans) {
            SpanRows.append(appender, id++, 1, span);
          }
        }
        connection.commit();
        timed += System.nanoTime() - started;
      }
    }
    return total / (timed / 1e9);
  }
}

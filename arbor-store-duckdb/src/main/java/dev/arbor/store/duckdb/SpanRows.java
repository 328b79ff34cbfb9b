package dev.arbor.store.duckdb;

import dev.arbor.model.LlmFields;
import dev.arbor.model.Span;
import dev.arbor.model.SpanCost;
import dev.arbor.model.TokenCounts;
import dev.arbor.store.jdbc.SpanColumns;
import dev.arbor.store.jdbc.SpanFieldJson;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;

/**
 * A span appended as a row of the {@code spans} table, column by column in table order (read back by
 * {@link SpanColumns}). Public only so that the ingest benchmark's raw-Appender baseline
 * writes exactly the rows the store writes.
 */
public final class SpanRows {
  private SpanRows() {}

  /** Appends one row for {@code span}, stored with {@code id} in the project with {@code projectId}. */
  public static void append(DuckDBAppender a, long id, long projectId, Span s) throws SQLException {
    LlmFields llm = s.llm();
    TokenCounts t = llm.tokens();
    a.beginRow();
    a.append(id);
    a.append(projectId);
    a.append(s.traceId());
    a.append(s.spanId());
    text(a, s.parentSpanId());
    a.append(s.traceState());
    a.append(s.name());
    a.append(s.kind().name());
    a.append(llm.spanKind().name());
    a.append(s.startTimeUnixNano());
    a.append(s.endTimeUnixNano());
    a.append(s.statusCode().name());
    a.append(s.statusMessage());
    text(a, llm.modelName());
    text(a, llm.provider());
    number(a, t.prompt());
    number(a, t.completion());
    number(a, t.total());
    number(a, t.cacheRead());
    number(a, t.cacheWrite());
    number(a, t.reasoning());
    text(a, llm.inputValue());
    text(a, llm.inputMimeType());
    text(a, llm.outputValue());
    text(a, llm.outputMimeType());
    text(a, SpanFieldJson.messages(llm.inputMessages()));
    text(a, SpanFieldJson.messages(llm.outputMessages()));
    text(a, SpanFieldJson.documents(llm.documents()));
    text(a, llm.sessionId());
    text(a, llm.userId());
    text(a, llm.metadata());
    text(a, SpanFieldJson.tags(llm.tags()));
    text(a, llm.invocationParameters());
    SpanColumns.Lifted lifted = SpanColumns.Lifted.of(s.attributes(), llm);
    a.append(SpanFieldJson.write(lifted.rest()));
    text(a, lifted.keys());
    a.append(SpanFieldJson.events(s.events()));
    a.append(SpanFieldJson.links(s.links()));
    a.append(SpanFieldJson.write(s.resource()));
    a.append(s.scopeName());
    a.append(s.scopeVersion());
    SpanCost cost = s.cost();
    decimal(a, cost.input());
    decimal(a, cost.output());
    decimal(a, cost.cacheRead());
    decimal(a, cost.cacheWrite());
    decimal(a, cost.reasoning());
    decimal(a, cost.total());
    number(a, t.promptAudio());
    number(a, t.completionAudio());
    decimal(a, cost.audio());
    a.endRow();
  }

  private static void text(DuckDBAppender a, String value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value);
    }
  }

  private static void decimal(DuckDBAppender a, Double value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value.doubleValue());
    }
  }

  private static void number(DuckDBAppender a, Long value) throws SQLException {
    if (value == null) {
      a.appendNull();
    } else {
      a.append(value.longValue());
    }
  }
}

package dev.arbor.store.filter;

import dev.arbor.store.filter.Expr.JsonSource;
import java.util.List;

/**
 * What the reference evaluator reads: one span, or one trace in the trace scope. Values are
 * {@link String}, {@link Long}, {@link Double}, a {@code List<String>} for tags (null when there are none),
 * epoch nanoseconds for times; JSON values as parsed (maps, lists, strings, numbers, booleans).
 */
public interface FilterRow {
  Object field(Field field);

  /** The value at {@code path} inside the attributes or metadata, or null. */
  Object json(JsonSource source, List<String> path);

  /** The latest annotation of that name on this row, or null. */
  AnnotationValue annotation(String name);

  /** What a filter reads of an annotation. */
  record AnnotationValue(String label, Double score) {}
}

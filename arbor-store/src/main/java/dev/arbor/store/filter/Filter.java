package dev.arbor.store.filter;

import java.util.Objects;

/**
 * A parsed, typed filter over spans or traces: {@code Filter.parse(Scope.SPAN, "span_kind == 'LLM' and
 * latency_ms > 1000")}. Stores compile {@link #root()} to SQL with bind parameters;
 * {@link FilterEvaluator} is its reference meaning. {@code text} is what the user typed, or a description.
 */
public record Filter(Scope scope, Expr root, String text) {
  public Filter {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(text, "text");
    if (root.type() != ValueType.BOOL) {
      throw new IllegalArgumentException("a filter must be a condition, not " + root.type().label());
    }
  }

  /** Parses {@code text}; a {@link FilterException} names the problem and its position. */
  public static Filter parse(Scope scope, String text) {
    Objects.requireNonNull(text, "text");
    return new Filter(scope, FilterParser.parse(scope, text), text);
  }

  /** Both this and {@code other}; either may be null. */
  public static Filter and(Filter a, Filter b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.scope != b.scope) {
      throw new IllegalArgumentException("cannot combine a " + a.scope + " filter with a " + b.scope + " filter");
    }
    return new Filter(a.scope, new Expr.And(a.root, b.root), "(" + a.text + ") and (" + b.text + ")");
  }
}

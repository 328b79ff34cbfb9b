package dev.arbor.store.jdbc;

import dev.arbor.store.filter.Expr;
import dev.arbor.store.filter.Field;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.FilterEvaluator;
import dev.arbor.store.filter.FilterRow;
import dev.arbor.store.jdbc.RollupDeltas.Key;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A span filter applied to rollup keys instead of spans: one that reads only what a key holds of every span (its
 * name, kind, model and status), such as the dashboard's {@code status_code == 'ERROR'} or {@code name == 'summarize'},
 * selects a key's spans all or none, so the rollups answer it. {@link FilterEvaluator} decides, as it does for spans.
 */
final class RollupFilter {
  private static final Set<Field> KEYED = EnumSet.of(Field.NAME, Field.SPAN_KIND, Field.MODEL_NAME, Field.STATUS_CODE);

  private RollupFilter() {}

  /** Whether {@code filter} reads nothing a rollup key does not hold. */
  static boolean applies(Filter filter) {
    return readsKeysOnly(filter.root());
  }

  private static boolean readsKeysOnly(Expr e) {
    return switch (e) {
      case Expr.Literal lit -> true;
      case Expr.ListLiteral list -> true;
      case Expr.FieldRef ref -> KEYED.contains(ref.field());
      case Expr.JsonRef ref -> false;
      case Expr.AnnotationRef ref -> false;
      case Expr.Coerce c -> readsKeysOnly(c.value());
      case Expr.Compare c -> readsKeysOnly(c.left()) && readsKeysOnly(c.right());
      case Expr.And a -> readsKeysOnly(a.left()) && readsKeysOnly(a.right());
      case Expr.Or o -> readsKeysOnly(o.left()) && readsKeysOnly(o.right());
      case Expr.Not n -> readsKeysOnly(n.operand());
      case Expr.In in -> readsKeysOnly(in.needle()) && readsKeysOnly(in.haystack());
      case Expr.IsNull isNull -> readsKeysOnly(isNull.operand());
      case Expr.Arith a -> readsKeysOnly(a.left()) && readsKeysOnly(a.right());
      case Expr.Negate n -> readsKeysOnly(n.operand());
      case Expr.Convert c -> readsKeysOnly(c.operand());
    };
  }

  /** Whether {@code filter} (one that {@link #applies}) selects the spans of {@code key}. */
  static boolean test(Filter filter, Key key) {
    return FilterEvaluator.test(filter, new FilterRow() {
      @Override
      public Object field(Field field) {
        return switch (field) {
          case NAME -> key.name();
          case SPAN_KIND -> key.kind();
          case MODEL_NAME -> key.model();
          case STATUS_CODE -> key.status();
          default -> throw new IllegalStateException("a rollup key does not hold " + field);
        };
      }

      @Override
      public Object json(Expr.JsonSource source, List<String> path) {
        throw new IllegalStateException("a rollup key holds no " + source);
      }

      @Override
      public AnnotationValue annotation(String name) {
        throw new IllegalStateException("a rollup key holds no annotation");
      }
    });
  }
}

package dev.arbor.store.filter;

import java.util.List;

/**
 * Filters built by code rather than typed, for query parameters that mean one (Phoenix's {@code trace_id},
 * {@code span_kind}, {@code attribute=key:value} …), so that every parameter takes the one path to SQL.
 */
public final class Filters {
  private Filters() {}

  /** {@code field in [values…]}. */
  public static Filter anyOf(Scope scope, Field field, List<String> values) {
    List<Expr.Literal> items = values.stream().map(v -> new Expr.Literal(v, ValueType.TEXT)).toList();
    return new Filter(scope, new Expr.In(new Expr.FieldRef(field), new Expr.ListLiteral(items, ValueType.TEXT), false),
        field.name().toLowerCase(java.util.Locale.ROOT) + " in " + values);
  }

  /** {@code field is None}. */
  public static Filter isNull(Scope scope, Field field) {
    return new Filter(scope, new Expr.IsNull(new Expr.FieldRef(field), false),
        field.name().toLowerCase(java.util.Locale.ROOT) + " is None");
  }

  /**
   * The attribute {@code key} equals {@code value} (text, a whole or decimal number, or a boolean); a key
   * that names a canonical field (such as {@code llm.model_name}) reads that field.
   */
  public static Filter attributeEquals(Scope scope, String key, Object value) {
    Field field = scope.names().get(key);
    Expr left = field != null && key.contains(".") ? new Expr.FieldRef(field)
        : new Expr.JsonRef(Expr.JsonSource.ATTRIBUTES, List.of(key));
    Expr.Literal right = switch (value) {
      case String s -> new Expr.Literal(s, ValueType.TEXT);
      case Long l -> new Expr.Literal(l, ValueType.NUMBER);
      case Integer i -> new Expr.Literal((long) i, ValueType.NUMBER);
      case Double d -> new Expr.Literal(d, ValueType.NUMBER);
      case Boolean b -> new Expr.Literal(b.toString(), ValueType.TEXT);
      default -> throw new IllegalArgumentException("an attribute value must be text, a number or a boolean");
    };
    if (left.type() == ValueType.ANY) {
      left = new Expr.Coerce(left, right.type());
    } else if (left.type() != right.type()) {
      throw new IllegalArgumentException("attribute " + key + " is " + left.type().label() + ", not "
          + right.type().label());
    }
    return new Filter(scope, new Expr.Compare(Expr.CompareOp.EQ, left, right), key + " == " + value);
  }
}

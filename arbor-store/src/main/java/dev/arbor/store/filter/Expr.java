package dev.arbor.store.filter;

import java.util.List;
import java.util.Objects;

/**
 * The typed syntax tree of a filter. Built by {@link FilterParser} (or by code, for query parameters that
 * mean a filter); every node knows its {@link ValueType}, and values read from JSON are wrapped in a
 * {@link Coerce} to the type they are used as, so evaluator and SQL compilers never guess.
 */
public sealed interface Expr {
  ValueType type();

  /** A constant: {@link String}, {@link Long}, {@link Double}, {@link Boolean}; times are epoch nanoseconds. */
  record Literal(Object value, ValueType type) implements Expr {
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A list of constants of one type, the right side of {@code in}. */
  record ListLiteral(List<Literal> items, ValueType elementType) implements Expr {
    public ListLiteral {
      items = List.copyOf(items);
    }

    @Override
    public ValueType type() {
      return ValueType.LIST;
    }
  }

  record FieldRef(Field field) implements Expr {
    @Override
    public ValueType type() {
      return field.type();
    }
  }

  /** Where a {@link JsonRef} reads from. */
  enum JsonSource { ATTRIBUTES, METADATA }

  /** A value inside the span's attributes or metadata, found by key, then by key inside that map, … */
  record JsonRef(JsonSource source, List<String> path) implements Expr {
    public JsonRef {
      path = List.copyOf(path);
    }

    @Override
    public ValueType type() {
      return ValueType.ANY;
    }
  }

  /** {@code annotations['name'].score} or {@code .label}: the latest annotation of that name on the row. */
  record AnnotationRef(String name, boolean score) implements Expr {
    @Override
    public ValueType type() {
      return score ? ValueType.NUMBER : ValueType.TEXT;
    }
  }

  /** A JSON value used as {@code to}: text as written, or a number when it is one (else none). */
  record Coerce(Expr value, ValueType to) implements Expr {
    @Override
    public ValueType type() {
      return to;
    }
  }

  enum CompareOp {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Compare(CompareOp op, Expr left, Expr right) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }
  }

  record And(Expr left, Expr right) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }
  }

  record Not(Expr operand) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }
  }

  /**
   * {@code needle in haystack}: membership when the haystack is a list (a literal or the tags), a
   * substring test when it is text.
   */
  record In(Expr needle, Expr haystack, boolean negated) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }

    public boolean substring() {
      return haystack.type() == ValueType.TEXT;
    }
  }

  record IsNull(Expr operand, boolean negated) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.BOOL;
    }
  }

  enum ArithOp { ADD, SUBTRACT, MULTIPLY, DIVIDE }

  /** Arithmetic on numbers; division always gives a decimal and is none when dividing by zero. */
  record Arith(ArithOp op, Expr left, Expr right) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }
  }

  record Negate(Expr operand) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }
  }

  /** {@code float(x)}, {@code int(x)} (toward zero) and {@code str(x)}. */
  enum Conversion { FLOAT, INT, STR }

  record Convert(Conversion to, Expr operand) implements Expr {
    @Override
    public ValueType type() {
      return to == Conversion.STR ? ValueType.TEXT : ValueType.NUMBER;
    }
  }
}

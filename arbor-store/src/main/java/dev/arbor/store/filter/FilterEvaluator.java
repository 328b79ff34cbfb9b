package dev.arbor.store.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reference meaning of a filter, in Java: every SQL compiler must select exactly the rows this selects
 * (the store contract suite checks it). Logic is SQL's three-valued logic: a comparison with a missing
 * value is unknown, {@code not} unknown is unknown, and a row is selected only when the filter is true.
 */
public final class FilterEvaluator {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a SQL cast of text to a number accepts: decimal notation with optional sign and exponent. */
  private static final Pattern NUMBER = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

  private FilterEvaluator() {}

  public static boolean test(Filter filter, FilterRow row) {
    return Boolean.TRUE.equals(eval(filter.root(), row));
  }

  static Object eval(Expr e, FilterRow row) {
    return switch (e) {
      case Expr.Literal lit -> lit.value();
      case Expr.ListLiteral list -> list.items().stream().map(Expr.Literal::value).toList();
      case Expr.FieldRef ref -> row.field(ref.field());
      case Expr.JsonRef ref -> row.json(ref.source(), ref.path());
      case Expr.AnnotationRef ref -> {
        FilterRow.AnnotationValue value = row.annotation(ref.name());
        yield value == null ? null : ref.score() ? value.score() : value.label();
      }
      case Expr.Coerce c -> coerce(eval(c.value(), row), c.to());
      case Expr.Compare c -> compare(c.op(), eval(c.left(), row), eval(c.right(), row));
      case Expr.And a -> and(eval(a.left(), row), a.right(), row);
      case Expr.Or o -> or(eval(o.left(), row), o.right(), row);
      case Expr.Not n -> {
        Object v = eval(n.operand(), row);
        yield v == null ? null : !(Boolean) v;
      }
      case Expr.In in -> in(in, row);
      case Expr.IsNull isNull -> (eval(isNull.operand(), row) == null) != isNull.negated();
      case Expr.Arith a -> arith(a.op(), (Number) eval(a.left(), row), (Number) eval(a.right(), row));
      case Expr.Negate n -> {
        Object v = eval(n.operand(), row);
        yield v == null ? null : v instanceof Long l ? (Object) (-l) : (Object) (-((Number) v).doubleValue());
      }
      case Expr.Convert c -> convert(c.to(), eval(c.operand(), row));
    };
  }

  private static Object and(Object left, Expr right, FilterRow row) {
    if (Boolean.FALSE.equals(left)) {
      return false;
    }
    Object r = eval(right, row);
    if (Boolean.FALSE.equals(r)) {
      return false;
    }
    return left == null || r == null ? null : true;
  }

  private static Object or(Object left, Expr right, FilterRow row) {
    if (Boolean.TRUE.equals(left)) {
      return true;
    }
    Object r = eval(right, row);
    if (Boolean.TRUE.equals(r)) {
      return true;
    }
    return left == null || r == null ? null : false;
  }

  private static Object in(Expr.In in, FilterRow row) {
    Object needle = eval(in.needle(), row);
    Object haystack = eval(in.haystack(), row);
    if (needle == null || haystack == null) {
      return null;
    }
    boolean found;
    if (haystack instanceof List<?> list) {
      found = false;
      for (Object item : list) {
        if (compareValues(needle, item) == 0) {
          found = true;
          break;
        }
      }
    } else {
      found = ((String) haystack).contains((String) needle);
    }
    return found != in.negated();
  }

  private static Object compare(Expr.CompareOp op, Object left, Object right) {
    if (left == null || right == null) {
      return null;
    }
    int c = compareValues(left, right);
    return switch (op) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
    };
  }

  /** Numbers by value (exactly when both are whole), text by code point as SQL's binary collation does. */
  static int compareValues(Object left, Object right) {
    if (left instanceof Long a && right instanceof Long b) {
      return Long.compare(a, b);
    }
    if (left instanceof Number a && right instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue()) == 0 ? 0
          : a.doubleValue() < b.doubleValue() ? -1 : 1;
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    return compareText((String) left, (String) right);
  }

  private static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static Object arith(Expr.ArithOp op, Number left, Number right) {
    if (left == null || right == null) {
      return null;
    }
    if (op == Expr.ArithOp.DIVIDE) {
      return right.doubleValue() == 0 ? null : left.doubleValue() / right.doubleValue();
    }
    if (left instanceof Long a && right instanceof Long b) {
      return switch (op) {
        case ADD -> a + b;
        case SUBTRACT -> a - b;
        default -> a * b;
      };
    }
    double a = left.doubleValue();
    double b = right.doubleValue();
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      default -> a * b;
    };
  }

  private static Object convert(Expr.Conversion to, Object value) {
    if (value == null) {
      return null;
    }
    return switch (to) {
      case STR -> value.toString();
      case FLOAT -> value instanceof Number n ? n.doubleValue() : parseNumber((String) value);
      case INT -> {
        Double d = value instanceof Long l ? null : value instanceof Number n ? n.doubleValue() : parseNumber((String) value);
        yield value instanceof Long ? value : d == null ? null : (Object) (long) (d < 0 ? Math.ceil(d) : Math.floor(d));
      }
    };
  }

  /** A JSON value as text or as a number, the way the SQL compilers read it. */
  static Object coerce(Object value, ValueType to) {
    if (value == null) {
      return null;
    }
    if (to == ValueType.NUMBER) {
      return value instanceof Number n ? (Object) n.doubleValue()
          : value instanceof String s ? parseNumber(s) : null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return value.toString();
  }

  static Double parseNumber(String text) {
    return NUMBER.matcher(text).matches() ? Double.parseDouble(text.strip()) : null;
  }
}

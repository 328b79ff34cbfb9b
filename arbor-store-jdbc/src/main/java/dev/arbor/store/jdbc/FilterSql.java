package dev.arbor.store.jdbc;

import dev.arbor.store.filter.Expr;
import dev.arbor.store.filter.Field;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.Scope;
import dev.arbor.store.filter.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a filter to a SQL condition over the {@code spans} row {@code s} (in the trace scope, the root
 * span, with the trace's {@code traces} row as {@code t}). Every value the user typed becomes a bind
 * parameter, each cast to its type; the SQL text holds only what the compiler writes. What is standard SQL
 * is written here; a dialect writes JSON access, substring and list tests and safe number casts. One
 * instance compiles one filter; each dialect's output is snapshot-tested.
 */
public abstract class FilterSql {
  /** The SQL condition and its bind values in order. */
  public record Compiled(String sql, List<Object> args) {}

  private static final Set<Field> TOTALS = EnumSet.of(Field.SPAN_COUNT, Field.ERROR_COUNT, Field.PROMPT_TOKENS,
      Field.COMPLETION_TOKENS, Field.TOTAL_TOKENS, Field.CACHE_READ_TOKENS, Field.CACHE_WRITE_TOKENS,
      Field.REASONING_TOKENS, Field.COST);

  private final Scope scope;
  protected final StringBuilder sql = new StringBuilder();
  private final List<Object> args = new ArrayList<>();

  protected FilterSql(Scope scope) {
    this.scope = scope;
  }

  /** Compiles {@code filter}'s tree with this (fresh) compiler. */
  protected final Compiled translate(Filter filter) {
    emit(filter.root());
    return new Compiled(sql.toString(), List.copyOf(args));
  }

  /** Whether a trace filter reads the trace's totals (the {@code traces} row) and not only its root span. */
  static boolean readsTotals(Expr e) {
    return anyLeaf(e, leaf -> leaf instanceof Expr.FieldRef ref && TOTALS.contains(ref.field()));
  }

  /**
   * Whether a trace filter reads the trace's root span (the spans row {@code s}): any field but the totals, an
   * attribute, an annotation. {@code error_count > 0} does not, so its trace list need not join the spans.
   */
  static boolean readsRootSpan(Expr e) {
    return anyLeaf(e, leaf -> switch (leaf) {
      case Expr.Literal l -> false;
      case Expr.ListLiteral l -> false;
      case Expr.FieldRef ref -> !TOTALS.contains(ref.field());
      default -> true;
    });
  }

  /** Whether {@code test} holds for a leaf of the tree (a field, value, attribute or annotation). */
  private static boolean anyLeaf(Expr e, java.util.function.Predicate<Expr> test) {
    return switch (e) {
      case Expr.Coerce c -> anyLeaf(c.value(), test);
      case Expr.Compare c -> anyLeaf(c.left(), test) || anyLeaf(c.right(), test);
      case Expr.And a -> anyLeaf(a.left(), test) || anyLeaf(a.right(), test);
      case Expr.Or o -> anyLeaf(o.left(), test) || anyLeaf(o.right(), test);
      case Expr.Not n -> anyLeaf(n.operand(), test);
      case Expr.In in -> anyLeaf(in.needle(), test) || anyLeaf(in.haystack(), test);
      case Expr.IsNull n -> anyLeaf(n.operand(), test);
      case Expr.Arith a -> anyLeaf(a.left(), test) || anyLeaf(a.right(), test);
      case Expr.Negate n -> anyLeaf(n.operand(), test);
      case Expr.Convert c -> anyLeaf(c.operand(), test);
      default -> test.test(e);
    };
  }

  /** The dialect's name of the 8-byte float type. */
  protected abstract String doubleType();

  /** The dialect's name of the text type used in casts. */
  protected abstract String textType();

  /** The JSON value at {@code path} of a JSON column, as JSON ({@code asText} false) or as text. */
  protected abstract void json(String column, List<String> path, boolean asText);

  /** Text converted to a double, or NULL when it is not a number (the evaluator's number syntax). */
  protected abstract void textToDouble(Expr text);

  /** Whether text {@code haystack} contains text {@code needle}. */
  protected abstract void substring(Expr haystack, Expr needle);

  /** Whether the JSON list of text {@code list} holds {@code item}. */
  protected abstract void listContains(Expr list, Expr item);

  protected final void emit(Expr e) {
    switch (e) {
      case Expr.Literal lit -> bind(lit.value(), lit.type());
      case Expr.ListLiteral list -> throw new IllegalStateException("a list is compiled by 'in': " + list);
      case Expr.FieldRef ref -> sql.append(column(ref.field()));
      case Expr.JsonRef ref -> json(source(ref), ref.path(), false);
      case Expr.AnnotationRef ref -> annotation(ref);
      case Expr.Coerce c -> coerce(c);
      case Expr.Compare c -> binary(c.left(), compareOperator(c.op()), c.right());
      case Expr.And a -> binary(a.left(), "AND", a.right());
      case Expr.Or o -> binary(o.left(), "OR", o.right());
      case Expr.Not n -> {
        sql.append("(NOT ");
        emit(n.operand());
        sql.append(')');
      }
      case Expr.In in -> in(in);
      case Expr.IsNull n -> {
        sql.append('(');
        emit(n.operand());
        sql.append(n.negated() ? " IS NOT NULL)" : " IS NULL)");
      }
      case Expr.Arith a -> arith(a);
      case Expr.Negate n -> {
        sql.append("(- ");
        emit(n.operand());
        sql.append(')');
      }
      case Expr.Convert c -> convert(c);
    }
  }

  private static String source(Expr.JsonRef ref) {
    return ref.source() == Expr.JsonSource.ATTRIBUTES ? "s.attributes" : "s.metadata";
  }

  private String column(Field field) {
    boolean trace = scope == Scope.TRACE;
    return switch (field) {
      case SPAN_ID -> "s.span_id";
      case TRACE_ID -> "s.trace_id";
      case PARENT_ID -> "s.parent_span_id";
      case NAME -> "s.name";
      case SPAN_KIND -> "s.span_kind";
      case STATUS_CODE -> "s.status_code";
      case STATUS_MESSAGE -> "s.status_message";
      case LATENCY_MS -> "(CAST(s.end_time_ns - s.start_time_ns AS " + doubleType() + ") / CAST(1000000 AS "
          + doubleType() + "))";
      case START_TIME -> "s.start_time_ns";
      case END_TIME -> "s.end_time_ns";
      case MODEL_NAME -> "s.model_name";
      case PROVIDER -> "s.provider";
      case PROMPT_TOKENS -> trace ? "t.prompt_tokens" : "s.prompt_tokens";
      case COMPLETION_TOKENS -> trace ? "t.completion_tokens" : "s.completion_tokens";
      case TOTAL_TOKENS -> trace ? "t.total_tokens" : "s.total_tokens";
      case CACHE_READ_TOKENS -> trace ? "t.cache_read_tokens" : "s.cache_read_tokens";
      case CACHE_WRITE_TOKENS -> trace ? "t.cache_write_tokens" : "s.cache_write_tokens";
      case REASONING_TOKENS -> trace ? "t.reasoning_tokens" : "s.reasoning_tokens";
      case COST -> trace ? "t.cost" : "s.cost_total";
      case INPUT_VALUE -> "s.input_value";
      case INPUT_MIME_TYPE -> "s.input_mime_type";
      case OUTPUT_VALUE -> "s.output_value";
      case OUTPUT_MIME_TYPE -> "s.output_mime_type";
      case SESSION_ID -> "s.session_id";
      case USER_ID -> "s.user_id";
      case TAGS -> "s.tags";
      case SPAN_COUNT -> "t.span_count";
      case ERROR_COUNT -> "t.error_count";
    };
  }

  /** A JSON Pointer (RFC 6901) to the path, so that keys with dots or brackets need no quoting. */
  protected static String pointer(List<String> path) {
    StringBuilder p = new StringBuilder();
    for (String key : path) {
      p.append('/').append(key.replace("~", "~0").replace("/", "~1"));
    }
    return p.toString();
  }

  private void coerce(Expr.Coerce c) {
    if (!(c.value() instanceof Expr.JsonRef ref)) {
      throw new IllegalStateException("only JSON values are coerced: " + c);
    }
    if (c.to() == ValueType.NUMBER) {
      textToDouble(new Expr.Coerce(ref, ValueType.TEXT));
    } else {
      json(source(ref), ref.path(), true);
    }
  }

  private void annotation(Expr.AnnotationRef ref) {
    boolean trace = scope == Scope.TRACE;
    sql.append("(SELECT a.").append(ref.score() ? "score" : "label")
        .append(" FROM annotations a WHERE a.project_id = s.project_id AND a.target = '")
        .append(trace ? "TRACE" : "SPAN").append("' AND a.target_id = ").append(trace ? "s.trace_id" : "s.span_id")
        .append(" AND a.name = ");
    bind(ref.name(), ValueType.TEXT);
    sql.append(" ORDER BY a.updated_at DESC, a.id DESC LIMIT 1)");
  }

  private static String compareOperator(Expr.CompareOp op) {
    return switch (op) {
      case EQ -> "=";
      case NE -> "<>";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
    };
  }

  private void binary(Expr left, String operator, Expr right) {
    sql.append('(');
    emit(left);
    sql.append(' ').append(operator).append(' ');
    emit(right);
    sql.append(')');
  }

  private void in(Expr.In in) {
    if (in.haystack() instanceof Expr.ListLiteral list) {
      if (list.items().isEmpty()) {
        sql.append("(CASE WHEN ");
        emit(in.needle());
        sql.append(" IS NULL THEN NULL ELSE ").append(in.negated() ? "TRUE" : "FALSE").append(" END)");
        return;
      }
      sql.append('(');
      emit(in.needle());
      sql.append(in.negated() ? " NOT IN (" : " IN (");
      for (int i = 0; i < list.items().size(); i++) {
        sql.append(i == 0 ? "" : ", ");
        bind(list.items().get(i).value(), list.elementType());
      }
      sql.append("))");
      return;
    }
    sql.append(in.negated() ? "(NOT " : "(");
    if (in.substring()) {
      substring(in.haystack(), in.needle());
    } else {
      listContains(in.haystack(), in.needle());
    }
    sql.append(')');
  }

  private void arith(Expr.Arith a) {
    if (a.op() == Expr.ArithOp.DIVIDE) {
      sql.append("(CAST(");
      emit(a.left());
      sql.append(" AS ").append(doubleType()).append(") / NULLIF(CAST(");
      emit(a.right());
      sql.append(" AS ").append(doubleType()).append("), 0))");
      return;
    }
    binary(a.left(), switch (a.op()) {
      case ADD -> "+";
      case SUBTRACT -> "-";
      default -> "*";
    }, a.right());
  }

  private void convert(Expr.Convert c) {
    boolean text = c.operand().type() == ValueType.TEXT;
    switch (c.to()) {
      case STR -> {
        sql.append("CAST(");
        emit(c.operand());
        sql.append(" AS ").append(textType()).append(')');
      }
      case FLOAT -> {
        if (text) {
          textToDouble(c.operand());
        } else {
          sql.append("CAST(");
          emit(c.operand());
          sql.append(" AS ").append(doubleType()).append(')');
        }
      }
      case INT -> {
        sql.append("CAST(trunc(");
        if (text) {
          textToDouble(c.operand());
        } else {
          emit(c.operand());
        }
        sql.append(") AS BIGINT)");
      }
    }
  }

  /** Binds a value the user typed, cast to its type. */
  protected final void bind(Object value, ValueType type) {
    args.add(value);
    sql.append(switch (type) {
      case TEXT -> textParameter();
      case TIME -> "CAST(? AS BIGINT)";
      case BOOL -> "CAST(? AS BOOLEAN)";
      case NUMBER -> value instanceof Long ? "CAST(? AS BIGINT)" : "CAST(? AS " + doubleType() + ")";
      default -> throw new IllegalStateException("no literal of type " + type);
    });
  }

  /** A text parameter, cast (and collated) so that it compares as the evaluator compares text. */
  protected String textParameter() {
    return "CAST(? AS " + textType() + ")";
  }
}

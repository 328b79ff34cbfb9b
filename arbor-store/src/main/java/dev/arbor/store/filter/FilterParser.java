package dev.arbor.store.filter;

import dev.arbor.store.filter.Expr.ArithOp;
import dev.arbor.store.filter.Expr.CompareOp;
import dev.arbor.store.filter.Expr.JsonSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses and types a filter expression in Python's syntax (Phoenix's span filters): a recursive descent
 * over Python's precedence (or, and, not, comparisons, sums, products, unary minus, calls and subscripts).
 * Every error names what was wrong and the offset it points at. One class past 400 lines on purpose: each
 * precedence level is one method calling the next, and the typing rules sit beside the syntax they check, so
 * splitting it would scatter one grammar over files that only make sense together.
 */
final class FilterParser {
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "None", "True", "False");
  /** Longer or deeper expressions are refused rather than risking the stack on hostile input. */
  static final int MAX_LENGTH = 20_000;
  static final int MAX_DEPTH = 200;

  private final Scope scope;
  private final List<Token> tokens;
  private int at;
  private int depth;

  private FilterParser(Scope scope, List<Token> tokens) {
    this.scope = scope;
    this.tokens = tokens;
  }

  static Expr parse(Scope scope, String text) {
    if (text.length() > MAX_LENGTH) {
      throw new FilterException("the filter is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    FilterParser parser = new FilterParser(scope, FilterLexer.tokens(text));
    Typed root = parser.or();
    if (parser.peek().kind() != Token.Kind.END) {
      throw new FilterException("unexpected '" + parser.peek().text() + "'", parser.peek().position());
    }
    if (root.expr.type() != ValueType.BOOL) {
      throw new FilterException("the filter must be a condition, not " + root.expr.type().label(), 0);
    }
    return root.expr;
  }

  /** An expression and where it starts, for messages. A {@code None} literal has a null expr. */
  private record Typed(Expr expr, int position) {
    boolean isNone() {
      return expr == null;
    }
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token take() {
    return tokens.get(at++);
  }

  private boolean accept(String op) {
    if (peek().is(op)) {
      at++;
      return true;
    }
    return false;
  }

  private Token expect(String op) {
    if (!peek().is(op)) {
      throw new FilterException("expected '" + op + "' but found " + describe(peek()), peek().position());
    }
    return take();
  }

  private static String describe(Token t) {
    return t.kind() == Token.Kind.END ? "the end" : "'" + t.text() + "'";
  }

  /** One level deeper into the expression; call {@code depth--} on the way out. */
  private void deeper(int position) {
    if (++depth > MAX_DEPTH) {
      throw new FilterException("the filter nests deeper than " + MAX_DEPTH + " levels", position);
    }
  }

  private Typed or() {
    deeper(peek().position());
    Typed left = and();
    while (peek().is("or")) {
      take();
      Typed right = and();
      left = new Typed(new Expr.Or(condition(left, "or"), condition(right, "or")), left.position);
    }
    depth--;
    return left;
  }

  private Typed and() {
    Typed left = not();
    while (peek().is("and")) {
      take();
      Typed right = not();
      left = new Typed(new Expr.And(condition(left, "and"), condition(right, "and")), left.position);
    }
    return left;
  }

  private Typed not() {
    if (peek().is("not") && !peek(1).is("in")) {
      int position = take().position();
      deeper(position);
      Typed operand = not();
      depth--;
      return new Typed(new Expr.Not(condition(operand, "not")), position);
    }
    return comparison();
  }

  private static Expr condition(Typed t, String operator) {
    if (t.isNone() || t.expr.type() != ValueType.BOOL) {
      throw new FilterException("'" + operator + "' needs a condition, not "
          + (t.isNone() ? "None" : t.expr.type().label()), t.position);
    }
    return t.expr;
  }

  private Typed comparison() {
    Typed left = sum();
    Expr chain = null;
    while (true) {
      Token op = peek();
      Expr test;
      Typed right;
      if (op.is("in") || (op.is("not") && peek(1).is("in"))) {
        boolean negated = op.is("not");
        at += negated ? 2 : 1;
        right = sum();
        test = in(left, right, negated, op.position());
      } else if (op.is("is")) {
        take();
        boolean negated = accept("not");
        right = sum();
        if (!right.isNone()) {
          throw new FilterException("'is' compares with None only; use == for values", right.position);
        }
        test = isNull(left, negated);
      } else {
        CompareOp compareOp = compareOp(op);
        if (compareOp == null) {
          break;
        }
        take();
        right = sum();
        test = compare(compareOp, left, right, op.position());
      }
      chain = chain == null ? test : new Expr.And(chain, test);
      left = right;
    }
    return chain == null ? left : new Typed(chain, left.position);
  }

  private static CompareOp compareOp(Token t) {
    if (t.kind() != Token.Kind.OPERATOR) {
      return null;
    }
    for (CompareOp op : CompareOp.values()) {
      if (op.symbol.equals(t.text())) {
        return op;
      }
    }
    return null;
  }

  private static Expr isNull(Typed operand, boolean negated) {
    if (operand.isNone()) {
      throw new FilterException("None is None: compare a name with None", operand.position);
    }
    return new Expr.IsNull(operand.expr, negated);
  }

  private Expr compare(CompareOp op, Typed left, Typed right, int position) {
    if (left.isNone() || right.isNone()) {
      if (op != CompareOp.EQ && op != CompareOp.NE) {
        throw new FilterException("None can only be compared with == or !=", position);
      }
      return isNull(left.isNone() ? right : left, op == CompareOp.NE);
    }
    Expr l = left.expr;
    Expr r = right.expr;
    ValueType lt = l.type();
    ValueType rt = r.type();
    if (lt == ValueType.TIME || rt == ValueType.TIME) {
      return new Expr.Compare(op, time(l, left.position), time(r, right.position));
    }
    if (lt == ValueType.ANY && rt == ValueType.ANY) {
      return new Expr.Compare(op, new Expr.Coerce(l, ValueType.TEXT), new Expr.Coerce(r, ValueType.TEXT));
    }
    if (lt == ValueType.ANY || rt == ValueType.ANY) {
      ValueType target = lt == ValueType.ANY ? rt : lt;
      if (target == ValueType.BOOL) {
        l = boolAsText(l);
        r = boolAsText(r);
        target = ValueType.TEXT;
      }
      if (target == ValueType.LIST) {
        throw new FilterException("a list cannot be compared with " + op.symbol + "; use 'in'", position);
      }
      return new Expr.Compare(op, coerce(l, target), coerce(r, target));
    }
    if (lt != rt) {
      throw new FilterException("cannot compare " + lt.label() + " with " + rt.label(), position);
    }
    if ((lt == ValueType.BOOL || lt == ValueType.LIST) && op != CompareOp.EQ && op != CompareOp.NE) {
      throw new FilterException(op.symbol + " needs numbers, text or times", position);
    }
    if (lt == ValueType.LIST) {
      throw new FilterException("lists cannot be compared; use 'in'", position);
    }
    return new Expr.Compare(op, l, r);
  }

  private static Expr boolAsText(Expr e) {
    if (e instanceof Expr.Literal lit && lit.type() == ValueType.BOOL) {
      return new Expr.Literal(lit.value().toString(), ValueType.TEXT);
    }
    if (e.type() == ValueType.BOOL) {
      throw new FilterException("an attribute can be compared with True or False, not with a condition", 0);
    }
    return e;
  }

  private static Expr coerce(Expr e, ValueType to) {
    return e.type() == ValueType.ANY ? new Expr.Coerce(e, to) : e;
  }

  /** A time, or text that is an ISO-8601 time (with zone) turned into one. */
  private static Expr time(Expr e, int position) {
    if (e.type() == ValueType.TIME) {
      return e;
    }
    if (e instanceof Expr.Literal lit && lit.type() == ValueType.TEXT) {
      return new Expr.Literal(parseTime((String) lit.value(), position), ValueType.TIME);
    }
    throw new FilterException("a time can be compared with a time or an ISO-8601 text such as "
        + "'2025-01-31T12:00:00Z', not with " + e.type().label(), position);
  }

  private static long parseTime(String text, int position) {
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new FilterException("not an ISO-8601 time with zone: '" + text + "'", position);
    }
  }

  private Expr in(Typed needle, Typed haystack, boolean negated, int position) {
    if (needle.isNone() || haystack.isNone()) {
      throw new FilterException("'in' does not take None", position);
    }
    Expr h = haystack.expr;
    Expr n = needle.expr;
    if (h instanceof Expr.ListLiteral list) {
      ValueType element = list.elementType();
      if (n.type() == ValueType.ANY) {
        n = new Expr.Coerce(n, element == ValueType.BOOL ? ValueType.TEXT : element);
        if (element == ValueType.BOOL) {
          h = new Expr.ListLiteral(list.items().stream()
              .map(i -> new Expr.Literal(i.value().toString(), ValueType.TEXT)).toList(), ValueType.TEXT);
        }
      } else if (n.type() != element && !list.items().isEmpty()) {
        throw new FilterException("cannot look for " + n.type().label() + " in a list of " + element.label(), position);
      }
      return new Expr.In(n, h, negated);
    }
    if (h.type() == ValueType.LIST || h.type() == ValueType.TEXT || h.type() == ValueType.ANY) {
      n = coerce(n, ValueType.TEXT);
      if (n.type() != ValueType.TEXT) {
        throw new FilterException("'in' looks for text here, not " + n.type().label(), needle.position);
      }
      return new Expr.In(n, coerce(h, ValueType.TEXT), negated);
    }
    throw new FilterException("'in' needs text or a list on its right, not " + h.type().label(), haystack.position);
  }

  private Typed sum() {
    return arithmetic(this::product, "+", ArithOp.ADD, "-", ArithOp.SUBTRACT);
  }

  private Typed product() {
    return arithmetic(this::unary, "*", ArithOp.MULTIPLY, "/", ArithOp.DIVIDE);
  }

  /** A left-associative run of two operators of one precedence over operands parsed by {@code operand}. */
  private Typed arithmetic(java.util.function.Supplier<Typed> operand, String first, ArithOp firstOp, String second,
      ArithOp secondOp) {
    Typed left = operand.get();
    while (peek().is(first) || peek().is(second)) {
      Token op = take();
      Typed right = operand.get();
      left = new Typed(new Expr.Arith(op.is(first) ? firstOp : secondOp, number(left, op.text()),
          number(right, op.text())), left.position);
    }
    return left;
  }

  private static Expr number(Typed t, String operator) {
    if (t.isNone()) {
      throw new FilterException("'" + operator + "' needs numbers, not None", t.position);
    }
    Expr e = coerce(t.expr, ValueType.NUMBER);
    if (e.type() != ValueType.NUMBER) {
      throw new FilterException("'" + operator + "' needs numbers, not " + e.type().label(), t.position);
    }
    return e;
  }

  private Typed unary() {
    if (peek().is("-")) {
      int position = take().position();
      deeper(position);
      Typed operand = unary();
      depth--;
      if (operand.expr instanceof Expr.Literal lit && lit.value() instanceof Long l) {
        return new Typed(new Expr.Literal(-l, ValueType.NUMBER), position);
      }
      if (operand.expr instanceof Expr.Literal lit && lit.value() instanceof Double d) {
        return new Typed(new Expr.Literal(-d, ValueType.NUMBER), position);
      }
      return new Typed(new Expr.Negate(number(operand, "-")), position);
    }
    return atom();
  }

  private Typed atom() {
    Token t = take();
    int position = t.position();
    switch (t.kind()) {
      case NUMBER:
        return new Typed(new Expr.Literal(t.value(), ValueType.NUMBER), position);
      case STRING:
        return new Typed(new Expr.Literal(t.value(), ValueType.TEXT), position);
      case NAME:
        return name(t);
      case END:
        throw new FilterException("the expression ends too early", position);
      default:
        break;
    }
    if (t.is("(")) {
      Typed first = or();
      if (peek().is(",")) {
        return new Typed(list(first, ")"), position);
      }
      expect(")");
      return new Typed(first.expr, position);
    }
    if (t.is("[")) {
      if (accept("]")) {
        return new Typed(new Expr.ListLiteral(List.of(), ValueType.TEXT), position);
      }
      return new Typed(list(or(), "]"), position);
    }
    throw new FilterException("unexpected '" + t.text() + "'", position);
  }

  private Expr.ListLiteral list(Typed first, String close) {
    List<Expr.Literal> items = new ArrayList<>();
    items.add(listItem(first));
    while (accept(",")) {
      if (peek().is(close)) {
        break;
      }
      items.add(listItem(or()));
    }
    expect(close);
    ValueType element = items.get(0).type();
    for (Expr.Literal item : items) {
      if (item.type() != element) {
        throw new FilterException("a list must hold values of one type", first.position);
      }
    }
    return new Expr.ListLiteral(items, element);
  }

  private static Expr.Literal listItem(Typed t) {
    if (t.expr instanceof Expr.Literal lit && lit.type() != ValueType.TIME) {
      return lit;
    }
    throw new FilterException("a list may hold only text, numbers or True/False", t.position);
  }

  private Typed name(Token first) {
    int position = first.position();
    switch (first.text()) {
      case "None":
        return new Typed(null, position);
      case "True":
      case "False":
        return new Typed(new Expr.Literal(first.text().equals("True"), ValueType.BOOL), position);
      case "float":
      case "int":
      case "str":
        if (peek().is("(")) {
          return new Typed(call(first.text()), position);
        }
        break;
      default:
        if (KEYWORDS.contains(first.text())) {
          throw new FilterException("unexpected '" + first.text() + "'", position);
        }
    }
    StringBuilder path = new StringBuilder(first.text());
    while (peek().is(".") && peek(1).kind() == Token.Kind.NAME) {
      take();
      path.append('.').append(take().text());
    }
    String dotted = path.toString();
    if (peek().is("[")) {
      return new Typed(subscripted(dotted, position), position);
    }
    Field field = scope.names().get(dotted);
    if (field != null) {
      return new Typed(new Expr.FieldRef(field), position);
    }
    if (dotted.startsWith("metadata.")) {
      return new Typed(new Expr.JsonRef(JsonSource.METADATA, List.of(dotted.substring("metadata.".length()))),
          position);
    }
    if (dotted.contains(".")) {
      return new Typed(new Expr.JsonRef(JsonSource.ATTRIBUTES, List.of(dotted)), position);
    }
    throw new FilterException("unknown name '" + dotted + "'" + Suggestions.didYouMean(dotted, scope), position);
  }

  private Expr subscripted(String base, int position) {
    switch (base) {
      case "attributes", "metadata" -> {
        List<String> keys = new ArrayList<>();
        while (accept("[")) {
          keys.add(keyInBrackets());
        }
        if (base.equals("attributes") && keys.size() == 1 && scope.names().containsKey(keys.get(0))
            && keys.get(0).contains(".")) {
          return new Expr.FieldRef(scope.names().get(keys.get(0)));
        }
        return new Expr.JsonRef(base.equals("attributes") ? JsonSource.ATTRIBUTES : JsonSource.METADATA, keys);
      }
      case "annotations", "evals" -> {
        expect("[");
        String name = keyInBrackets();
        expect(".");
        Token part = take();
        if (!part.is("score") && !part.is("label")) {
          throw new FilterException("an annotation has .score and .label, not '" + part.text() + "'", part.position());
        }
        return new Expr.AnnotationRef(name, part.is("score"));
      }
      default -> throw new FilterException("'" + base + "' cannot be subscripted; use attributes['key'], "
          + "metadata['key'] or annotations['name']", position);
    }
  }

  private String keyInBrackets() {
    Token key = take();
    if (key.kind() != Token.Kind.STRING) {
      throw new FilterException("expected a quoted key inside [ ]", key.position());
    }
    expect("]");
    return (String) key.value();
  }

  private Expr call(String function) {
    expect("(");
    Typed arg = or();
    expect(")");
    if (arg.isNone()) {
      throw new FilterException(function + "() does not take None", arg.position);
    }
    Expr operand = arg.expr;
    switch (function) {
      case "str" -> {
        if (operand.type() == ValueType.BOOL || operand.type() == ValueType.LIST || operand.type() == ValueType.TIME) {
          throw new FilterException("str() takes text or a number, not " + operand.type().label(), arg.position);
        }
        return new Expr.Convert(Expr.Conversion.STR, coerce(operand, ValueType.TEXT));
      }
      default -> {
        Expr number = operand.type() == ValueType.TEXT ? operand : coerce(operand, ValueType.NUMBER);
        if (number.type() != ValueType.NUMBER && number.type() != ValueType.TEXT) {
          throw new FilterException(function + "() takes text or a number, not " + operand.type().label(),
              arg.position);
        }
        return new Expr.Convert(function.equals("int") ? Expr.Conversion.INT : Expr.Conversion.FLOAT, number);
      }
    }
  }
}

package dev.arbor.store.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits a filter expression into tokens: Python's literals, names and operators. */
final class FilterLexer {
  private static final List<String> OPERATORS =
      List.of("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".");

  private final String text;
  private int at;

  private FilterLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    return new FilterLexer(text).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      if (at >= text.length()) {
        tokens.add(new Token(Token.Kind.END, "", null, at));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    char c = text.charAt(at);
    int start = at;
    if (c == '\'' || c == '"') {
      return string(c);
    }
    if (Character.isDigit(c) || (c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      return new Token(Token.Kind.NAME, text.substring(start, at), null, start);
    }
    for (String op : OPERATORS) {
      if (text.startsWith(op, at)) {
        at += op.length();
        return new Token(Token.Kind.OPERATOR, op, null, start);
      }
    }
    throw new FilterException("unexpected character '" + c + "'", start);
  }

  private Token string(char quote) {
    int start = at++;
    StringBuilder value = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at++);
      if (c == quote) {
        return new Token(Token.Kind.STRING, text.substring(start, at), value.toString(), start);
      }
      if (c == '\\' && at < text.length()) {
        char e = text.charAt(at++);
        value.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> e;
        });
      } else {
        value.append(c);
      }
    }
    throw new FilterException("string is not closed", start);
  }

  private Token number() {
    int start = at;
    boolean decimal = false;
    while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.' || text.charAt(at) == '_')) {
      decimal |= text.charAt(at) == '.';
      at++;
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      decimal = true;
      at++;
      if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
    }
    String literal = text.substring(start, at);
    String digits = literal.replace("_", "");
    try {
      Object value = decimal ? (Object) Double.parseDouble(digits) : (Object) Long.parseLong(digits);
      return new Token(Token.Kind.NUMBER, literal, value, start);
    } catch (NumberFormatException e) {
      throw new FilterException("not a number: " + literal, start);
    }
  }
}

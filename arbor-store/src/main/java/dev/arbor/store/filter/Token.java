package dev.arbor.store.filter;

/** One lexical token of a filter expression, with the offset where it starts. */
record Token(Kind kind, String text, Object value, int position) {
  enum Kind { NAME, STRING, NUMBER, OPERATOR, END }

  boolean is(String operatorOrKeyword) {
    return (kind == Kind.OPERATOR || kind == Kind.NAME) && text.equals(operatorOrKeyword);
  }
}

package dev.arbor.store.filter;

/**
 * What an expression evaluates to. {@code ANY} is a value read from a JSON map (an attribute or a
 * metadata entry): it takes the type of whatever it is compared with.
 */
public enum ValueType {
  TEXT, NUMBER, BOOL, TIME, LIST, ANY;

  String label() {
    return switch (this) {
      case TEXT -> "text";
      case NUMBER -> "a number";
      case BOOL -> "a condition";
      case TIME -> "a time";
      case LIST -> "a list";
      case ANY -> "an attribute value";
    };
  }
}

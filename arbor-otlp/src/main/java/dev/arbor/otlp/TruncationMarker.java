package dev.arbor.otlp;

/** The visible suffix of a truncated attribute value: {@code …[truncated 1234 chars]}. */
public final class TruncationMarker {
  private TruncationMarker() {}

  public static String of(int cutChars) {
    return "…[truncated " + cutChars + " chars]";
  }
}

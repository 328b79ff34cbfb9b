package dev.arbor.store.filter;

/** A filter expression that cannot be parsed or typed; {@code position} is the 0-based offset it points at. */
public final class FilterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int position;

  FilterException(String message, int position) {
    super(message + " (at position " + position + ")");
    this.position = position;
  }

  public int position() {
    return position;
  }
}

package dev.arbor.otlp;

/** A request body that is not a valid OTLP export request; the message says what is wrong. */
public final class OtlpFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public OtlpFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

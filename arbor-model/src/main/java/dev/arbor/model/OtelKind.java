package dev.arbor.model;

/** OpenTelemetry's span kind, numbered as in OTLP's {@code Span.SpanKind}. */
public enum OtelKind {
  UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

  /** The kind with OTLP number {@code number}; unknown numbers are {@link #UNSPECIFIED}. */
  public static OtelKind ofNumber(int number) {
    OtelKind[] all = values();
    return number >= 0 && number < all.length ? all[number] : UNSPECIFIED;
  }
}

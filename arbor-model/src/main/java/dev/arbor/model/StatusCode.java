package dev.arbor.model;

/** A span's status, numbered as in OTLP's {@code Status.StatusCode}. */
public enum StatusCode {
  UNSET, OK, ERROR;

  /** The code with OTLP number {@code number}; unknown numbers are {@link #UNSET}. */
  public static StatusCode ofNumber(int number) {
    StatusCode[] all = values();
    return number >= 0 && number < all.length ? all[number] : UNSET;
  }
}

package dev.arbor.store;

/** A write that stored nothing and may be retried, for instance because the database was unavailable. */
public final class StoreWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}

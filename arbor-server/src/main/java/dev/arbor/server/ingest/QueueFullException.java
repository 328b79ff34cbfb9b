package dev.arbor.server.ingest;

/** The ingest queue's memory budget is spent: the sender should retry later. */
public final class QueueFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueueFullException(String message) {
    super(message, null, false, false);
  }
}

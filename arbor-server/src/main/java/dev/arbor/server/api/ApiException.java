package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;

/** A request the API refuses: answered as plain text with this status. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient HttpStatus status;

  public ApiException(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}

package dev.arbor.server.config;

/** A bad setting; the message names where it came from (flag or variable) and what is allowed. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}

package dev.arbor.server;

/** Arbor's version, and the Phoenix server version it reports so that Phoenix's clients enable their features. */
public final class Version {
  public static final String ARBOR = "0.1.0";
  public static final String PHOENIX_COMPATIBLE = "20.3.0";
  public static final String PHOENIX_VERSION_HEADER = "x-phoenix-server-version";

  private Version() {}
}

package dev.arbor.server.config;

/**
 * Access-control settings, and where alert webhooks may go ({@code webhooksToPrivateAddresses}: by default only
 * with access control off). {@code adminPassword} is empty when the first admin is to be made through the set-up
 * link; it never appears in {@link #toString()}.
 */
public record AuthConfig(boolean enabled, String adminUsername, String adminPassword, int sessionHours,
    boolean webhooksToPrivateAddresses) {
  public static final AuthConfig OFF = new AuthConfig(false, "admin", "", 12, true);

  /** Access control on, with the first admin made from these settings. */
  public static AuthConfig on(String adminUsername, String adminPassword) {
    return new AuthConfig(true, adminUsername, adminPassword, 12, false);
  }

  @Override
  public String toString() {
    return "AuthConfig[enabled=" + enabled + ", adminUsername=" + adminUsername + ", adminPassword="
        + (adminPassword.isEmpty() ? "" : "[secret]") + ", sessionHours=" + sessionHours
        + ", webhooksToPrivateAddresses=" + webhooksToPrivateAddresses + "]";
  }
}

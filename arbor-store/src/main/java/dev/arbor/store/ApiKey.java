package dev.arbor.store;

import java.time.Instant;

/**
 * An API key as stored: only the SHA-256 of its secret, never the secret. {@code publicId} names the key in lists,
 * in the audit trail and as the user half of Langfuse's Basic pair. A user's key ({@code userId} set) never does
 * more than its user may at the time it is used; a system key ({@code userId} null) has its own role.
 */
public record ApiKey(long id, String name, String publicId, String secretHash, Long userId, Role role,
    ProjectGrants grants, Instant createdAt, Instant expiresAt, Instant revokedAt) {

  public ApiKey withId(long newId) {
    return new ApiKey(newId, name, publicId, secretHash, userId, role, grants, createdAt, expiresAt, revokedAt);
  }

  /** True when the key may be used at {@code now}: not revoked and not expired. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}

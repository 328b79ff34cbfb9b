package dev.arbor.store;

import java.time.Instant;

/**
 * A person who signs in to Arbor. {@code passwordHash} is a bcrypt hash, never a password; a disabled user can
 * neither sign in nor use the keys they made.
 */
public record User(long id, String name, Role role, String passwordHash, ProjectGrants grants, Instant createdAt,
    boolean disabled) {

  public User withId(long newId) {
    return new User(newId, name, role, passwordHash, grants, createdAt, disabled);
  }
}

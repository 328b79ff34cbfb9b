package dev.arbor.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, API keys and signed-in sessions, kept with the spans so that every server on the database lets in the
 * same people. Secrets are never stored: passwords as bcrypt hashes, keys and session tokens as SHA-256.
 *
 * <p>Example: {@code store.access().createUser(new User(0, "ada", Role.ADMIN, hash, ProjectGrants.ALL, now, false))}.
 */
public interface AccessStore {
  /** Every user, in id order. */
  List<User> users();

  Optional<User> user(long id);

  /** The user of this name (names are compared as given). */
  Optional<User> user(String name);

  /** Stores a new user ({@code id} ignored); throws {@link NameTakenException} if the name is taken. */
  User createUser(User user);

  /** Replaces the user with {@code user.id()}; empty if there is none. A new name must not be taken. */
  Optional<User> updateUser(User user);

  /** Deletes a user with their sessions and keys; false if there was none. */
  boolean deleteUser(long id);

  /** Every key, revoked and expired ones too, in id order. */
  List<ApiKey> keys();

  Optional<ApiKey> key(long id);

  /** The key whose secret has this SHA-256 (revoked or not; the caller checks). */
  Optional<ApiKey> keyBySecretHash(String secretHash);

  /** Stores a new key ({@code id} ignored); returns it with its id. */
  ApiKey createKey(ApiKey key);

  /** Marks a key revoked from {@code at}; false if there is no such key or it was revoked already. */
  boolean revokeKey(long id, Instant at);

  void createSession(LoginSession session);

  Optional<LoginSession> session(String tokenHash);

  /** Ends one session (logout); false if there was none. */
  boolean deleteSession(String tokenHash);

  /** Ends every session of a user (password changed, user disabled); returns how many. */
  int deleteSessionsOf(long userId);

  /** Forgets sessions that ended before {@code now}; returns how many. */
  int deleteExpiredSessions(Instant now);
}

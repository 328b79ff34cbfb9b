package dev.arbor.server.access;

import com.linecorp.armeria.common.HttpStatus;
import dev.arbor.server.api.ApiException;
import dev.arbor.server.config.AuthConfig;
import dev.arbor.server.config.ConfigResolver;
import dev.arbor.store.AccessStore;
import dev.arbor.store.ApiKey;
import dev.arbor.store.LoginSession;
import dev.arbor.store.NameTakenException;
import dev.arbor.store.ProjectGrants;
import dev.arbor.store.Role;
import dev.arbor.store.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, their sign-ins and API keys: the rules that keep them sound (at least one admin stays, a user's key never
 * reaches beyond its user, passwords are long enough) and the first admin, made at start from the settings or
 * through a one-time set-up link. Secrets are returned once and stored only as hashes.
 */
public final class AccessService {
  private static final Logger log = LoggerFactory.getLogger(AccessService.class);
  /** The name of the UI's session cookie. */
  public static final String SESSION_COOKIE = "arbor_session";

  private final AccessStore store;
  private final AuthConfig config;
  private final Clock clock;
  private final LoginThrottle throttle;
  private volatile String setupToken;

  public AccessService(AccessStore store, AuthConfig config, Clock clock) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.throttle = new LoginThrottle(clock);
  }

  public boolean enabled() {
    return config.enabled();
  }

  /**
   * With access control on and no user yet: makes the first admin from the settings, or logs a one-time link to
   * make one (a new link at every start until it is used).
   */
  public void bootstrap(String baseUrl) {
    if (!config.enabled() || !store.users().isEmpty()) {
      return;
    }
    if (!config.adminPassword().isEmpty()) {
      store.createUser(new User(0, config.adminUsername(), Role.ADMIN, Passwords.hash(config.adminPassword()),
          ProjectGrants.ALL, clock.instant(), false));
      log.info("Created the first admin, '{}', from ARBOR_ADMIN_PASSWORD", config.adminUsername());
      return;
    }
    setupToken = Secrets.token(24);
    log.warn("Access control is on and there is no user yet. Open {}/setup?token={} to create the first admin"
        + " (the link works once).", baseUrl, setupToken);
  }

  /** True while the set-up link works: this server printed one and no server on the database has a user yet. */
  public boolean setupRequired() {
    return setupToken != null && store.users().isEmpty();
  }

  /** A signed-in browser: its cookie's token (only ever given to that browser) and its user. */
  public record SignIn(String token, User user, Duration lifetime) {}

  /** Makes the first admin with the set-up link's token, and signs them in. */
  public synchronized SignIn setup(String token, String name, String password) {
    if (!setupRequired() || token == null || !Secrets.same(setupToken, token)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "this set-up link is not valid (it works once, and only while"
          + " there is no user)");
    }
    User admin = store.createUser(new User(0, checkName(name), Role.ADMIN, Passwords.hash(checkPassword(password)),
        ProjectGrants.ALL, clock.instant(), false));
    setupToken = null;
    return signIn(admin);
  }

  /** Checks a password and signs the user in; wrong names and passwords are answered alike, and throttled. */
  public SignIn login(String name, String password, String address) {
    if (name == null || password == null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "username and password are required");
    }
    Duration locked = throttle.lockedFor(name, address);
    if (!locked.isZero()) {
      log.warn("Sign-in of '{}' from {} refused for {} s more: too many wrong passwords", name, address,
          locked.toSeconds());
      throw new Throttled(locked);
    }
    // Counted before the quarter-second check, so that guesses sent at once cannot all pass the lock above.
    throttle.failed(name, address);
    Optional<User> user = store.user(name).filter(u -> !u.disabled());
    if (!Passwords.matches(password, user.map(User::passwordHash).orElse(null))) {
      log.warn("Failed sign-in of '{}' from {}", name, address);
      throw new ApiException(HttpStatus.UNAUTHORIZED, "wrong user name or password");
    }
    throttle.succeeded(name, address);
    return signIn(user.get());
  }

  /** Too many wrong passwords: try again after {@code wait}. */
  public static final class Throttled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration wait;

    Throttled(Duration wait) {
      super("too many failed sign-ins; try again in " + Math.max(1, wait.toSeconds()) + " s", null, false, false);
      this.wait = wait;
    }

    public Duration retryAfter() {
      return wait;
    }
  }

  private SignIn signIn(User user) {
    String token = Secrets.token(32);
    Instant now = clock.instant();
    Duration lifetime = Duration.ofHours(config.sessionHours());
    store.deleteExpiredSessions(now);
    store.createSession(new LoginSession(Secrets.sha256(token), user.id(), now, now.plus(lifetime)));
    return new SignIn(token, user, lifetime);
  }

  public void logout(String token) {
    if (token != null) {
      store.deleteSession(Secrets.sha256(token));
    }
  }

  /** The signed-in user of {@code principal}, or 401 for a key or no user. */
  public User self(Principal principal) {
    if (principal.userId() == null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "this needs a signed-in user, not "
          + principal.actor());
    }
    return store.user(principal.userId()).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
        "the user is gone"));
  }

  /** Changes one's own password, ending every sign-in of the user; signs this browser in again. */
  public SignIn changePassword(Principal principal, String current, String replacement) {
    User user = self(principal);
    if (current == null || !Passwords.matches(current, user.passwordHash())) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "current_password is wrong");
    }
    User changed = store.updateUser(withPassword(user, checkPassword(replacement))).orElseThrow();
    store.deleteSessionsOf(user.id());
    return signIn(changed);
  }

  public List<User> users() {
    return store.users();
  }

  public User createUser(String name, String password, Role role, ProjectGrants grants) {
    try {
      return store.createUser(new User(0, checkName(name), role, Passwords.hash(checkPassword(password)),
          checkGrants(role, grants), clock.instant(), false));
    } catch (NameTakenException e) {
      throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
    }
  }

  /**
   * Changes a user; null arguments leave that part as it is. Disabling a user or changing their password ends
   * their sign-ins; the last enabled admin cannot be demoted, disabled or deleted.
   */
  public User updateUser(long id, Role role, String password, ProjectGrants grants, Boolean disabled) {
    synchronized (this) {
      User user = user(id);
      Role newRole = role == null ? user.role() : role;
      boolean newDisabled = disabled == null ? user.disabled() : disabled;
      if (user.role() == Role.ADMIN && !user.disabled() && (newRole != Role.ADMIN || newDisabled)) {
        requireAnotherAdmin(user);
      }
      User changed = new User(user.id(), user.name(), newRole,
          password == null ? user.passwordHash() : Passwords.hash(checkPassword(password)),
          checkGrants(newRole, grants == null ? user.grants() : grants), user.createdAt(), newDisabled);
      store.updateUser(changed);
      if (password != null || newDisabled) {
        store.deleteSessionsOf(id);
      }
      return changed;
    }
  }

  public synchronized void deleteUser(long id) {
    User user = user(id);
    if (user.role() == Role.ADMIN && !user.disabled()) {
      requireAnotherAdmin(user);
    }
    store.deleteUser(id);
  }

  private void requireAnotherAdmin(User user) {
    boolean another = store.users().stream()
        .anyMatch(u -> u.id() != user.id() && u.role() == Role.ADMIN && !u.disabled());
    if (!another) {
      throw new ApiException(HttpStatus.CONFLICT, "'" + user.name() + "' is the last admin; make another admin"
          + " first");
    }
  }

  private User user(long id) {
    return store.user(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "User not found: " + id));
  }

  /** A new key and its secret, which is shown this once. */
  public record NewKey(ApiKey key, String secret) {}

  /**
   * A key of the signed-in user: its role and projects default to the user's (or, made with a key, that key's) and
   * never exceed them (a key asked for more is refused, not silently cut).
   */
  public NewKey createUserKey(Principal principal, String name, Role role, ProjectGrants grants, Instant expiresAt) {
    User user = self(principal);
    // Made with another key, a key reaches no further than that key: neither may outgrow what made it.
    Role limit = user.role().min(principal.role());
    ProjectGrants reach = user.grants().intersect(principal.grants());
    Role keyRole = role == null ? limit : role;
    if (!limit.includes(keyRole)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "a key cannot have more than the role of who makes"
          + " it (" + limit.wireName() + ")");
    }
    ProjectGrants keyGrants = grants == null ? reach : grants;
    if (!keyGrants.intersect(reach).equals(keyGrants)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "a key cannot reach projects that who makes it does"
          + " not");
    }
    return newKey(name, user.id(), keyRole, keyGrants, expiresAt);
  }

  /** A system key: belongs to no user, has its own role. */
  public NewKey createSystemKey(String name, Role role, ProjectGrants grants, Instant expiresAt) {
    if (role == null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "role is required: admin, member or viewer");
    }
    return newKey(name, null, role, grants == null ? ProjectGrants.ALL : grants, expiresAt);
  }

  private NewKey newKey(String name, Long userId, Role role, ProjectGrants grants, Instant expiresAt) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "name is required (at most 200 characters)");
    }
    Instant now = clock.instant();
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "expires_at must be in the future");
    }
    String secret = "arbor_sk_" + Secrets.token(32);
    ApiKey key = store.createKey(new ApiKey(0, name.strip(), "arbor_pk_" + Secrets.token(12), Secrets.sha256(secret),
        userId, role, checkGrants(role, grants), now, expiresAt, null));
    return new NewKey(key, secret);
  }

  public List<ApiKey> keys() {
    return store.keys();
  }

  public List<ApiKey> keysOf(Principal principal) {
    long userId = self(principal).id();
    return store.keys().stream().filter(k -> k.userId() != null && k.userId() == userId).toList();
  }

  /** Revokes a key: one's own, or any for an admin. */
  public ApiKey revoke(Principal principal, long id) {
    ApiKey key = store.key(id).filter(k -> principal.has(Role.ADMIN)
        || k.userId() != null && k.userId().equals(principal.userId()))
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "API key not found: " + id));
    if (key.revokedAt() != null) {
      return key;
    }
    store.revokeKey(id, clock.instant());
    return store.key(id).orElseThrow();
  }

  /** The user name of a user id, for lists. */
  public Optional<String> userName(Long id) {
    return id == null ? Optional.empty() : store.user(id).map(User::name);
  }

  private static User withPassword(User user, String password) {
    return new User(user.id(), user.name(), user.role(), Passwords.hash(password), user.grants(), user.createdAt(),
        user.disabled());
  }

  private static String checkName(String name) {
    if (name == null || !name.matches(ConfigResolver.NAME)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "username must be 1 to 64 letters, digits, '.', '_',"
          + " '-' or '@'");
    }
    return name;
  }

  private static String checkPassword(String password) {
    String problem = password == null ? "password is required" : ConfigResolver.PASSWORD_RULE.apply(password);
    if (problem != null) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, problem);
    }
    return password;
  }

  /** Admins reach every project: a project list on an admin would be a false comfort. */
  private static ProjectGrants checkGrants(Role role, ProjectGrants grants) {
    if (role == Role.ADMIN && grants.limited()) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "an admin reaches every project; give projects only"
          + " to members and viewers");
    }
    return grants;
  }
}

package dev.arbor.server.access;

import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.RequestHeaders;
import dev.arbor.store.AccessStore;
import dev.arbor.store.ApiKey;
import dev.arbor.store.LoginSession;
import dev.arbor.store.User;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds the caller of a request from its credentials: a UI session cookie, an API key as {@code Authorization:
 * Bearer} (REST, OTLP/HTTP and gRPC metadata, as Phoenix's clients send it) or as the {@code api_key} header of
 * older Phoenix clients, or Langfuse's {@code Authorization: Basic public:secret} pair. A user's key does no more
 * than its user may now: the lower of the two roles, the projects both reach, nothing once the user is disabled.
 */
final class Authenticator {
  static final String COOKIE = AccessService.SESSION_COOKIE;

  /** Credentials were given but do not let anyone in; the message says why without echoing them. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final AccessStore store;
  private final Clock clock;

  Authenticator(AccessStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The caller; empty when the request carries no credentials. */
  Optional<Principal> authenticate(RequestHeaders headers) throws Refused {
    String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
    if (authorization != null) {
      String[] parts = authorization.strip().split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
        return Optional.of(key(parts[1].strip(), null));
      }
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Basic")) {
        String pair;
        try {
          pair = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new Refused("the Basic credentials are not base64");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw new Refused("Basic credentials must be public key:secret key");
        }
        return Optional.of(key(pair.substring(colon + 1), pair.substring(0, colon)));
      }
      throw new Refused("Authorization must be 'Bearer <API key>' or Basic with a public and a secret key");
    }
    String apiKey = headers.get("api_key");
    if (apiKey != null) {
      return Optional.of(key(apiKey.strip(), null));
    }
    for (Cookie cookie : headers.cookies()) {
      if (cookie.name().equals(COOKIE)) {
        return session(cookie.value());
      }
    }
    return Optional.empty();
  }

  private Principal key(String secret, String publicId) throws Refused {
    Instant now = clock.instant();
    ApiKey key = store.keyBySecretHash(Secrets.sha256(secret))
        .filter(k -> publicId == null || Secrets.same(k.publicId(), publicId))
        .orElseThrow(() -> new Refused("unknown API key"));
    if (key.revokedAt() != null) {
      throw new Refused("API key " + key.publicId() + " was revoked");
    }
    if (!key.usableAt(now)) {
      throw new Refused("API key " + key.publicId() + " expired at " + key.expiresAt());
    }
    if (key.userId() == null) {
      return new Principal("key:" + key.publicId() + " (" + key.name() + ")", key.role(), key.grants(), null);
    }
    User user = store.user(key.userId()).filter(u -> !u.disabled())
        .orElseThrow(() -> new Refused("API key " + key.publicId() + " belongs to a disabled user"));
    return new Principal("user:" + user.name() + " key:" + key.publicId(), key.role().min(user.role()),
        key.grants().intersect(user.grants()), user.id());
  }

  /** The signed-in user of a session cookie; empty (signed out) when the session is unknown or over. */
  private Optional<Principal> session(String token) {
    Optional<LoginSession> session = store.session(Secrets.sha256(token));
    if (session.isEmpty() || !session.get().expiresAt().isAfter(clock.instant())) {
      return Optional.empty();
    }
    return store.user(session.get().userId()).filter(u -> !u.disabled()).map(Authenticator::principal);
  }

  static Principal principal(User user) {
    return new Principal("user:" + user.name(), user.role(), user.grants(), user.id());
  }
}

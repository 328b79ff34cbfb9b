package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpStatus;
import dev.arbor.server.access.AccessService;
import dev.arbor.store.ApiKey;
import dev.arbor.store.ProjectAccess;
import dev.arbor.store.ProjectGrants;
import dev.arbor.store.Role;
import dev.arbor.store.User;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users and API keys as the API shows them: never a password hash or a key's secret hash. {@code projects} is
 * null for every project, else project name to "read" or "write".
 */
final class AccessDtos {
  private AccessDtos() {}

  record UserDto(long id, String username, String role, Map<String, String> projects, String createdAt,
      boolean disabled) {
    static UserDto of(User u) {
      return new UserDto(u.id(), u.name(), u.role().wireName(), grantsOf(u.grants()),
          u.createdAt().toString(), u.disabled());
    }
  }

  record KeyDto(long id, String name, String publicKey, String user, String role, Map<String, String> projects,
      String createdAt, String expiresAt, String revokedAt, String state) {
    static KeyDto of(ApiKey k, AccessService access) {
      Instant now = Instant.now();
      String state = k.revokedAt() != null ? "revoked" : k.usableAt(now) ? "active" : "expired";
      return new KeyDto(k.id(), k.name(), k.publicId(), access.userName(k.userId()).orElse(null),
          k.role().wireName(), grantsOf(k.grants()), k.createdAt().toString(), format(k.expiresAt()),
          format(k.revokedAt()), state);
    }
  }

  /**
   * A new key with its secret, shown this once: send it as {@code Authorization: Bearer <secret>}, or as
   * Langfuse's pair {@code LANGFUSE_PUBLIC_KEY=<public_key>}, {@code LANGFUSE_SECRET_KEY=<secret>}.
   */
  record NewKeyDto(KeyDto key, String secret) {
    static NewKeyDto of(AccessService.NewKey k, AccessService access) {
      return new NewKeyDto(KeyDto.of(k.key(), access), k.secret());
    }
  }

  record KeyInput(String name, String role, Map<String, String> projects, String expiresAt) {
    Role roleOrNull() {
      return role == null ? null : parse(() -> Role.parse(role));
    }

    ProjectGrants grants() {
      return AccessDtos.grants(projects);
    }

    Instant expiry() {
      if (expiresAt == null) {
        return null;
      }
      try {
        return Instant.parse(expiresAt);
      } catch (DateTimeParseException e) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "expires_at must be an ISO-8601 time such as"
            + " 2027-01-31T00:00:00Z: " + expiresAt);
      }
    }
  }

  record UserInput(String username, String password, String role, Map<String, String> projects,
      Boolean allProjects, Boolean disabled) {
    Role roleOrNull() {
      return role == null ? null : parse(() -> Role.parse(role));
    }
  }

  /** Grants from the API's shape; null for every project. */
  static ProjectGrants grants(Map<String, String> projects) {
    if (projects == null) {
      return null;
    }
    Map<String, ProjectAccess> grants = new LinkedHashMap<>();
    projects.forEach((project, access) -> grants.put(project, parse(() -> ProjectAccess.parse(access))));
    return ProjectGrants.of(grants);
  }

  private static Map<String, String> grantsOf(ProjectGrants grants) {
    if (!grants.limited()) {
      return null;
    }
    Map<String, String> projects = new LinkedHashMap<>();
    grants.projects().forEach((project, access) -> projects.put(project, access.wireName()));
    return projects;
  }

  private static String format(Instant at) {
    return at == null ? null : at.toString();
  }

  private static <T> T parse(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }
  }
}

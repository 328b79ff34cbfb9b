package dev.arbor.server.access;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.arbor.store.ProjectGrants;
import dev.arbor.store.Role;
import io.netty.util.AttributeKey;

/**
 * Who is calling and what they may do: a role, the projects they reach, and the name the audit trail records
 * ({@code user:ada}, {@code key:arbor_pk_…}). With access control off every caller is {@link #LOCAL}.
 */
public record Principal(String actor, Role role, ProjectGrants grants, Long userId) {
  /** Every caller when access control is off: recorded as anonymous, as before there were users. */
  public static final Principal LOCAL = new Principal("anonymous", Role.ADMIN, ProjectGrants.ALL, null);
  /** A caller who has not signed in, with access control on: no role, no project. */
  public static final Principal ANONYMOUS = new Principal("anonymous", null, ProjectGrants.of(java.util.Map.of()),
      null);

  static final AttributeKey<Principal> ATTRIBUTE = AttributeKey.valueOf(Principal.class, "principal");

  public boolean has(Role needed) {
    return role != null && role.includes(needed);
  }

  public boolean canRead(String project) {
    return role != null && grants.canRead(project);
  }

  public boolean canWrite(String project) {
    return has(Role.MEMBER) && grants.canWrite(project);
  }

  /**
   * The caller of the request being served, as {@link AccessControl} found it ({@link #LOCAL} for everyone with
   * access control off); {@link #ANONYMOUS} when there is none.
   */
  public static Principal of(ServiceRequestContext ctx) {
    Principal principal = ctx == null ? null : ctx.attr(ATTRIBUTE);
    return principal == null ? ANONYMOUS : principal;
  }

  /** Marks the rest of a request as made by {@code user}, who has just signed in: the audit trail names them. */
  public static void signedIn(ServiceRequestContext ctx, dev.arbor.store.User user) {
    ctx.setAttr(ATTRIBUTE, Authenticator.principal(user));
  }
}

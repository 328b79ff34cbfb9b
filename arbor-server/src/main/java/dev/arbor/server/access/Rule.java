package dev.arbor.server.access;

import dev.arbor.store.Role;

/**
 * What one route asks of its caller: a role ({@code null}: anyone, signed in or not), whether it writes, and how
 * the projects it touches are found ({@link Scope}).
 */
record Rule(Role role, boolean writes, Scope scope) {
  static final Rule PUBLIC = new Rule(null, false, new Scope.Shared());

  static Rule read(Scope scope) {
    return new Rule(Role.VIEWER, false, scope);
  }

  static Rule write(Scope scope) {
    return new Rule(Role.MEMBER, true, scope);
  }

  static Rule admin() {
    return new Rule(Role.ADMIN, true, new Scope.Server());
  }

  /** Any signed-in caller, whatever their role or projects: their own account and keys. */
  static Rule signedIn() {
    return new Rule(Role.VIEWER, false, new Scope.Shared());
  }
}

package dev.arbor.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * The projects a user or key may reach: every project ({@link #ALL}), or only the named ones, each read or write.
 * A grant never raises a role: a viewer granted write on a project still only reads it.
 *
 * <p>Example: {@code ProjectGrants.of(Map.of("support-bot", ProjectAccess.WRITE)).canWrite("support-bot")}.
 */
public record ProjectGrants(Map<String, ProjectAccess> projects) {
  public static final ProjectGrants ALL = new ProjectGrants(null);

  public ProjectGrants {
    projects = projects == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(projects));
  }

  public static ProjectGrants of(Map<String, ProjectAccess> projects) {
    return new ProjectGrants(projects);
  }

  /** True when only some projects are reachable. */
  public boolean limited() {
    return projects != null;
  }

  public boolean canRead(String project) {
    return projects == null || projects.containsKey(project);
  }

  public boolean canWrite(String project) {
    return projects == null || projects.get(project) == ProjectAccess.WRITE;
  }

  /**
   * What both allow: a key made by a user reaches no further than its user. A project is kept with the lesser of
   * its two accesses.
   */
  public ProjectGrants intersect(ProjectGrants other) {
    if (projects == null) {
      return other;
    }
    if (other.projects == null) {
      return this;
    }
    Map<String, ProjectAccess> both = new TreeMap<>();
    projects.forEach((project, access) -> {
      ProjectAccess theirs = other.projects.get(project);
      if (theirs != null) {
        both.put(project, access == ProjectAccess.WRITE && theirs == ProjectAccess.WRITE
            ? ProjectAccess.WRITE : ProjectAccess.READ);
      }
    });
    return new ProjectGrants(both);
  }
}

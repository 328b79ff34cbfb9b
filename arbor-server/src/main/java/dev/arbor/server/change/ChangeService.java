package dev.arbor.server.change;

import dev.arbor.server.pricing.Pricing;
import dev.arbor.server.redaction.RedactionRules;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.Project;
import dev.arbor.store.SpanStore;
import java.util.List;
import java.util.Optional;

/**
 * Changes to stored data made through the API. Spans themselves arrive through the ingest pipeline only
 * (REST span logging included), so this service never writes a span.
 */
public final class ChangeService {
  /** The project every span without another project lands in; Phoenix refuses to delete it too. */
  public static final String DEFAULT_PROJECT = "default";

  private final SpanStore store;
  private final Pricing pricing;
  private final RedactionRules redaction;

  private ChangeService(SpanStore store, Pricing pricing, RedactionRules redaction) {
    this.store = store;
    this.pricing = pricing;
    this.redaction = redaction;
  }

  public static ChangeService create(SpanStore store, Pricing pricing, RedactionRules redaction) {
    return new ChangeService(store, pricing, redaction);
  }

  public Project createProject(String name, String description) {
    return store.createProject(name, description);
  }

  public Optional<Project> updateProject(String name, String description) {
    return store.updateProject(name, description);
  }

  /**
   * Renames a project with everything that names it (see {@link SpanStore#renameProject}); the price book and the
   * redaction rules, which match spans by project name, are reloaded here at once and on other servers at their
   * next poll. The default project cannot be renamed, nor another renamed to it: spans that name no project land in
   * it.
   */
  public Optional<Project> renameProject(String name, String newName) {
    if (DEFAULT_PROJECT.equals(name)) {
      throw new DefaultProjectException("The default project cannot be renamed: spans that name no project land in it");
    }
    if (DEFAULT_PROJECT.equals(newName)) {
      throw new DefaultProjectException("No project can be renamed 'default': spans that name no project land there");
    }
    Optional<Project> renamed = store.renameProject(name, newName);
    if (renamed.isPresent()) {
      pricing.projectsChanged();
      redaction.reload();
    }
    return renamed;
  }

  /** Deletes a project and everything in it; the default project cannot be deleted. */
  public boolean deleteProject(String name) {
    if (DEFAULT_PROJECT.equals(name)) {
      throw new DefaultProjectException("The default project cannot be deleted");
    }
    boolean deleted = store.deleteProject(name);
    if (deleted) {
      pricing.projectsChanged();
    }
    return deleted;
  }

  public boolean deleteSpan(String spanId) {
    return store.deleteSpan(spanId);
  }

  public boolean deleteTrace(String traceId) {
    return store.deleteTrace(traceId);
  }

  public int deleteSessions(List<String> sessionIds) {
    return store.deleteSessions(sessionIds);
  }

  public List<Long> annotate(List<AnnotationInput> annotations) {
    return store.upsertAnnotations(annotations);
  }
}

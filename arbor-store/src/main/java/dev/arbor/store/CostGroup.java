package dev.arbor.store;

import java.util.Objects;

/**
 * The stored spans of one project that have token counts and share a provider and model name exactly as
 * stored ({@code provider} may be null): one price applies to all of them, so a price change recomputes
 * them together ({@link SpanStore#recomputeCosts}).
 */
public record CostGroup(String project, String provider, String modelName, long spans) {
  public CostGroup {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(modelName, "modelName");
  }
}

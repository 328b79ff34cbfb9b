package dev.arbor.server.query;

import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.Project;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import java.util.Optional;

/**
 * Typed read queries. REST handlers, and later the UI, MCP tools and CLI, call this; none of them reads
 * the store or writes SQL directly.
 */
public final class QueryService {
  private final SpanStore store;

  private QueryService(SpanStore store) {
    this.store = store;
  }

  public static QueryService create(SpanStore store) {
    return new QueryService(store);
  }

  public Page<Project> projects(PageRequest page) {
    return store.listProjects(page);
  }

  public Optional<Project> project(String name) {
    return store.findProject(name);
  }

  public Page<StoredSpan> spans(SpanQuery query) {
    return store.findSpans(query);
  }
}

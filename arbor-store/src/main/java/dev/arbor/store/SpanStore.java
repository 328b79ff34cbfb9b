package dev.arbor.store;

import dev.arbor.model.Span;
import java.util.List;
import java.util.Optional;

/**
 * Where spans live. One instance per process; all methods may be called from any thread.
 *
 * <p>Contract (checked by {@code SpanStoreContract} for every backend):
 * <ul>
 *   <li>{@link #write} is durable when it returns: a crash after that loses nothing. It is all or
 *       nothing: when it throws, none of the batch is stored, and the caller may retry it.
 *   <li>Writes are idempotent on (trace id, span id): exporters retry, so a span that is already
 *       stored, or appears twice in one batch, is stored once (the first copy wins).
 *   <li>A span's project is created on first use.
 *   <li>Reads return spans exactly as written: attributes with their value types, events, links,
 *       resource and canonical fields.
 * </ul>
 *
 * <p>Example: {@code store.write(List.of(span)); store.findSpans(SpanQuery.of("default", 100))}.
 */
public interface SpanStore extends AutoCloseable {

  /** Stores a batch in one transaction and reports how many were new and how many were repeats. */
  WriteResult write(List<Span> spans);

  /** Projects, newest first. */
  Page<Project> listProjects(PageRequest request);

  Optional<Project> findProject(String name);

  /** Spans of a project, most recently stored first. An unknown project gives an empty page. */
  Page<StoredSpan> findSpans(SpanQuery query);

  /** Throws if the store cannot serve; used by readiness checks. */
  void checkHealth();

  @Override
  void close();
}

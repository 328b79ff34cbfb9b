/**
 * What the SQL stores share: the reads (projects, spans, traces, sessions, annotations), deletions, the
 * mapping between a span and its row, versioned migrations and the filter compiler's skeleton. A store
 * module supplies its connections ({@link dev.arbor.store.jdbc.SqlAccess}), its dialect
 * ({@link dev.arbor.store.jdbc.SqlDialect}) and its own write path.
 */
package dev.arbor.store.jdbc;

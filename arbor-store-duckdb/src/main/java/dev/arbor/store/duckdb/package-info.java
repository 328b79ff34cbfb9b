/** The embedded store: one DuckDB file, written through the Appender by one group-commit writer. */
package dev.arbor.store.duckdb;

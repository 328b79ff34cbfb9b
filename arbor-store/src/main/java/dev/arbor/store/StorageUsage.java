package dev.arbor.store;

import java.util.List;

/**
 * What the database takes on disk ({@code databaseBytes}; files and indexes, all projects together) and, per
 * project, its spans and the bytes their rows take ({@code spanBytes}: measured per row on PostgreSQL, estimated
 * from the lengths of their texts on DuckDB, which compresses columns, so the shares matter more than the sum).
 */
public record StorageUsage(long databaseBytes, List<Project> projects) {
  public record Project(String project, long spans, long spanBytes) {}
}

package dev.arbor.store.duckdb;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database file is and how DuckDB runs. {@code checkpointThreshold} is the WAL size that
 * triggers a checkpoint (DuckDB's default of 16MB checkpoints so often that bulk appends run 3–4× slower);
 * a larger one costs a longer WAL replay after a crash.
 */
public record DuckDbSettings(Path file, String checkpointThreshold, String memoryLimit) {
  public static final String DEFAULT_CHECKPOINT_THRESHOLD = "256MB";

  public DuckDbSettings {
    Objects.requireNonNull(file, "file");
    checkpointThreshold = checkpointThreshold == null ? DEFAULT_CHECKPOINT_THRESHOLD : checkpointThreshold;
    if (!checkpointThreshold.matches("(?i)\\d+\\s*(B|KB|MB|GB|KiB|MiB|GiB)")) {
      throw new IllegalArgumentException("checkpointThreshold must be a size like 256MB: " + checkpointThreshold);
    }
    if (memoryLimit != null && !memoryLimit.matches("\\d+\\s*(B|KB|MB|GB|KiB|MiB|GiB|%)")) {
      throw new IllegalArgumentException("memoryLimit must be a size like 4GB: " + memoryLimit);
    }
  }

  public static DuckDbSettings of(Path file) {
    return new DuckDbSettings(file, null, null);
  }
}

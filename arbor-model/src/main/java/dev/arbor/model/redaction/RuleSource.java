package dev.arbor.model.redaction;

/** Where a rule comes from: the file given at start (read-only), or the API (stored with the spans). */
public enum RuleSource {
  FILE, API
}

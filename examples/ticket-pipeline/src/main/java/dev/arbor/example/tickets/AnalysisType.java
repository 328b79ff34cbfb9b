package dev.arbor.example.tickets;

/** What phase 3 does: categorise by POD, analyse diagnostics, or both at the same time. */
public enum AnalysisType {
  POD, DIAGNOSTICS, BOTH;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  boolean categorises() {
    return this != DIAGNOSTICS;
  }

  boolean analysesDiagnostics() {
    return this != POD;
  }
}

package dev.arbor.example.tickets;

/**
 * What the pipeline learnt about one ticket. Each phase fills its own fields; phases 3a and 3b may run at the same
 * time on the same result, each writing only its own fields (their futures are joined before anything reads them).
 */
public final class TicketResult {
  final long ticketId;
  final int serialNo;
  Ticket ticket;
  String error;
  String issueReported;
  String rootCause;
  String resolutionSummary;
  String primaryPod;
  String podConfidence;
  String podReasoning;
  String wasDiagnosticsUsed;
  String couldDiagnosticsHelp;
  String diagnosticsConfidence;
  String podError;
  String diagnosticsError;

  TicketResult(long ticketId, int serialNo) {
    this.ticketId = ticketId;
    this.serialNo = serialNo;
  }

  public long ticketId() {
    return ticketId;
  }

  public boolean failed() {
    return error != null;
  }

  public String error() {
    return error;
  }

  public String issueReported() {
    return issueReported;
  }

  public String primaryPod() {
    return primaryPod;
  }

  public String podConfidence() {
    return podConfidence;
  }

  public String wasDiagnosticsUsed() {
    return wasDiagnosticsUsed;
  }

  public String couldDiagnosticsHelp() {
    return couldDiagnosticsHelp;
  }

  public String podError() {
    return podError;
  }

  public String diagnosticsError() {
    return diagnosticsError;
  }

  /** Fetching or synthesising failed: the later phases skip this ticket. */
  void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  boolean synthesised() {
    return !failed() && issueReported != null;
  }
}

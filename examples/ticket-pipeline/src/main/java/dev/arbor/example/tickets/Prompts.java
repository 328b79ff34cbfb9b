package dev.arbor.example.tickets;

/** The instructions each phase gives the model; every answer is asked for as one JSON object. */
final class Prompts {
  static final String SYNTHESIS = "You synthesize support tickets for the support leadership team. "
      + "Read the ticket and its comments and answer with one JSON object: "
      + "{\"issue_reported\": string, \"root_cause\": string, \"resolution_summary\": string}.";

  static final String POD_CATEGORIZATION = "You route synthesized support tickets to the POD that owns them. "
      + "PODs: Guidance (how-to questions), WFE (workflow engine), Integrations (APIs, webhooks, connectors), "
      + "Billing (invoices, plans), Platform (everything else). Answer with one JSON object: "
      + "{\"primary_pod\": string, \"confidence\": \"confident\" | \"not_confident\", \"reasoning\": string}.";

  static final String DIAGNOSTICS = "You judge whether the diagnostics tool was used on a support ticket and "
      + "whether it could have helped. Answer with one JSON object: "
      + "{\"was_diagnostics_used\": \"yes\" | \"no\" | \"unknown\", \"could_diagnostics_help\": \"yes\" | \"no\" | "
      + "\"maybe\", \"confidence\": \"confident\" | \"not_confident\", \"reasoning\": string}.";

  private Prompts() {}

  static String ticket(Ticket t) {
    StringBuilder out = new StringBuilder();
    out.append("Ticket ").append(t.id()).append(": ").append(t.subject()).append('\n');
    out.append("Status: ").append(t.status()).append(", priority: ").append(t.priority()).append('\n');
    out.append("Tags: ").append(String.join(", ", t.tags())).append('\n');
    out.append("Description:\n").append(t.description()).append('\n');
    int n = 1;
    for (Ticket.Comment c : t.comments()) {
      out.append("Comment ").append(n++).append(" (").append(c.isPublic() ? "public" : "internal").append("): ")
          .append(c.body()).append('\n');
    }
    return out.toString();
  }

  static String synthesis(TicketResult r) {
    return "Ticket " + r.ticketId + "\nIssue reported: " + r.issueReported + "\nRoot cause: " + r.rootCause
        + "\nResolution: " + r.resolutionSummary;
  }

  static String diagnostics(TicketResult r) {
    StringBuilder out = new StringBuilder(synthesis(r)).append("\nConversation:\n");
    for (Ticket.Comment c : r.ticket.comments()) {
      out.append("- ").append(c.body()).append('\n');
    }
    return out.toString();
  }
}

package dev.arbor.example.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbor.example.tickets.llm.LlmAnswer;
import dev.arbor.example.tickets.llm.TracedLlm;
import dev.arbor.sdk.trace.ChainSpan;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import java.io.IOException;

/**
 * The per-ticket work of phases 2, 3a and 3b: one span per ticket ({@code synthesize_ticket},
 * {@code categorize_ticket}, {@code analyze_diagnostics}) with the ticket id and the result's attributes, around
 * one LLM call. A failure is recorded on the ticket's span and in its result; the other tickets go on.
 */
final class Analysers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TracedLlm llm;
  private final OpenInferenceTracer tracer;

  Analysers(TracedLlm llm, OpenInferenceTracer tracer) {
    this.llm = llm;
    this.tracer = tracer;
  }

  void synthesise(TicketResult r) throws InterruptedException {
    try (ChainSpan span = tracer.chain("synthesize_ticket").start()) {
      String prompt = Prompts.ticket(r.ticket);
      span.setAttribute("ticket_id", r.ticketId).setAttribute("serial_no", r.serialNo)
          .setAttribute("comment_count", r.ticket.comments().size()).setAttribute("prompt_length", prompt.length())
          .setInput(prompt);
      try {
        JsonNode answer = ask(Prompts.SYNTHESIS, prompt);
        r.issueReported = required(answer, "issue_reported");
        r.rootCause = answer.path("root_cause").asText("");
        r.resolutionSummary = answer.path("resolution_summary").asText("");
        span.setAttribute("synthesis_success", true)
            .setAttribute("issue_reported", truncate(r.issueReported, 100))
            .setOutputJson(answer.toString());
      } catch (IOException e) {
        span.setAttribute("synthesis_success", false).recordException(e);
        r.fail("synthesis failed: " + e.getMessage());
      }
    }
  }

  void categorise(TicketResult r) throws InterruptedException {
    try (ChainSpan span = tracer.chain("categorize_ticket").start()) {
      span.setAttribute("ticket_id", r.ticketId).setInput(Prompts.synthesis(r));
      try {
        JsonNode answer = ask(Prompts.POD_CATEGORIZATION, Prompts.synthesis(r));
        r.primaryPod = required(answer, "primary_pod");
        r.podConfidence = answer.path("confidence").asText("not_confident");
        r.podReasoning = answer.path("reasoning").asText("");
        span.setAttribute("primary_pod", r.primaryPod).setAttribute("confidence", r.podConfidence)
            .setOutputJson(answer.toString());
      } catch (IOException e) {
        span.recordException(e);
        r.podError = e.getMessage();
      }
    }
  }

  void analyseDiagnostics(TicketResult r) throws InterruptedException {
    try (ChainSpan span = tracer.chain("analyze_diagnostics").start()) {
      span.setAttribute("ticket_id", r.ticketId).setInput(Prompts.diagnostics(r));
      try {
        JsonNode answer = ask(Prompts.DIAGNOSTICS, Prompts.diagnostics(r));
        r.wasDiagnosticsUsed = required(answer, "was_diagnostics_used");
        r.couldDiagnosticsHelp = answer.path("could_diagnostics_help").asText("maybe");
        r.diagnosticsConfidence = answer.path("confidence").asText("not_confident");
        span.setAttribute("was_used", r.wasDiagnosticsUsed).setAttribute("could_help", r.couldDiagnosticsHelp)
            .setAttribute("confidence", r.diagnosticsConfidence).setOutputJson(answer.toString());
      } catch (IOException e) {
        span.recordException(e);
        r.diagnosticsError = e.getMessage();
      }
    }
  }

  private JsonNode ask(String system, String prompt) throws IOException, InterruptedException {
    LlmAnswer answer = llm.complete(system, prompt);
    try {
      return JSON.readTree(stripFences(answer.text()));
    } catch (IOException e) {
      throw new IOException("the model's answer is not JSON: " + truncate(answer.text(), 200), e);
    }
  }

  /** Models sometimes wrap JSON in a Markdown code fence. */
  private static String stripFences(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      t = t.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    return t;
  }

  private static String required(JsonNode answer, String field) throws IOException {
    JsonNode value = answer.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IOException("the model's answer has no " + field + ": " + truncate(answer.toString(), 200));
    }
    return value.asText();
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}

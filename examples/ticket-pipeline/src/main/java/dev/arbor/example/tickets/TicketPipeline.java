package dev.arbor.example.tickets;

import dev.arbor.example.tickets.llm.TracedLlm;
import dev.arbor.sdk.Arbor;
import dev.arbor.sdk.trace.ChainSpan;
import dev.arbor.sdk.trace.OpenInferenceTracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Seed 004's workflow, traced as its plan describes: a root "Process Tickets" span, one span per phase, one span
 * per ticket in each phase, HTTP spans under the fetches and LLM spans under the analyses. With
 * {@code --analysis-type both} phases 3a and 3b run at the same time, as siblings under the root.
 */
final class TicketPipeline {
  private final ZendeskClient zendesk;
  private final TracedLlm llm;
  private final OpenInferenceTracer tracer;
  private final Analysers analysers;
  private final int concurrency;

  TicketPipeline(ZendeskClient zendesk, TracedLlm llm, OpenInferenceTracer tracer, int concurrency) {
    this.zendesk = zendesk;
    this.llm = llm;
    this.tracer = tracer;
    this.analysers = new Analysers(llm, tracer);
    this.concurrency = concurrency;
  }

  /** The results, one per id in input order (failed ones included), and the trace that recorded the run. */
  record Run(List<TicketResult> results, String traceId) {}

  /** Runs every phase over {@code ids}. */
  Run run(List<Long> ids, AnalysisType type, String inputName) throws InterruptedException {
    // Wrapped: each task runs in the context it was submitted from, so per-ticket spans land under their phase.
    ExecutorService tickets = Arbor.wrap(Executors.newFixedThreadPool(concurrency));
    ExecutorService phases = Arbor.wrap(Executors.newFixedThreadPool(2));
    try (ChainSpan root = tracer.chain("Process Tickets").start()) {
      root.setAttribute("analysis_type", type.label()).setAttribute("model_provider", llm.provider().label())
          .setAttribute("csv_path", inputName).setAttribute("ticket_count", ids.size())
          .setInput(ids.size() + " tickets from " + inputName);
      List<TicketResult> results = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        results.add(new TicketResult(ids.get(i), i + 1));
      }

      fetchPhase(results, tickets);
      root.addEvent("Phase 1 Complete", Map.of("tickets_fetched", String.valueOf(count(results, false))));
      synthesisPhase(results, tickets);
      root.addEvent("Phase 2 Complete", Map.of("tickets_synthesized", String.valueOf(count(results, false))));

      List<TicketResult> ready = results.stream().filter(TicketResult::synthesised).toList();
      if (type == AnalysisType.BOTH) {
        CompletableFuture<Void> pod = CompletableFuture.runAsync(() -> interruptible(
            () -> categorizationPhase(ready, tickets)), phases);
        CompletableFuture<Void> diagnostics = CompletableFuture.runAsync(() -> interruptible(
            () -> diagnosticsPhase(ready, tickets)), phases);
        join(CompletableFuture.allOf(pod, diagnostics));
      } else if (type.categorises()) {
        categorizationPhase(ready, tickets);
      } else {
        diagnosticsPhase(ready, tickets);
      }
      root.addEvent("Phase 3 Complete", Map.of());
      long failed = count(results, true);
      root.setAttribute("success_count", results.size() - failed).setAttribute("failed_count", failed)
          .setAttribute("processing_status", failed == 0 ? "success" : "partial")
          .setOutput((results.size() - failed) + " of " + results.size() + " tickets processed");
      return new Run(results, root.span().getSpanContext().getTraceId());
    } finally {
      tickets.shutdownNow();
      phases.shutdownNow();
    }
  }

  private void fetchPhase(List<TicketResult> results, ExecutorService pool) throws InterruptedException {
    try (ChainSpan phase = tracer.chain("Phase 1: Fetch Tickets from Zendesk").start()) {
      phase.setAttribute("phase", "fetch").setAttribute("ticket_count", results.size());
      forEach(results, pool, r -> {
        try (ChainSpan span = tracer.chain("fetch_ticket").start()) {
          span.setAttribute("ticket_id", r.ticketId);
          try {
            r.ticket = zendesk.fetch(r.ticketId);
            span.setAttribute("comment_count", r.ticket.comments().size()).setOutput(r.ticket.subject());
          } catch (java.io.IOException e) {
            span.recordException(e);
            r.fail(e.getMessage());
          }
        }
      });
      phase.setAttribute("fetched_count", count(results, false)).setAttribute("failed_count", count(results, true));
    }
  }

  private void synthesisPhase(List<TicketResult> results, ExecutorService pool) throws InterruptedException {
    List<TicketResult> fetched = results.stream().filter(r -> !r.failed()).toList();
    try (ChainSpan phase = tracer.chain("Phase 2: Synthesis").start()) {
      phase.setAttribute("phase", "synthesis").setAttribute("ticket_count", fetched.size())
          .setAttribute("batch_size", fetched.size());
      forEach(fetched, pool, analysers::synthesise);
      long ok = fetched.stream().filter(TicketResult::synthesised).count();
      phase.setAttribute("success_count", ok).setAttribute("failed_count", fetched.size() - ok);
    }
  }

  private void categorizationPhase(List<TicketResult> ready, ExecutorService pool) throws InterruptedException {
    try (ChainSpan phase = tracer.chain("Phase 3a: POD Categorization").start()) {
      phase.setAttribute("phase", "categorization").setAttribute("ticket_count", ready.size());
      forEach(ready, pool, analysers::categorise);
      phase.setAttribute("confident_count",
          ready.stream().filter(r -> "confident".equals(r.podConfidence)).count());
    }
  }

  private void diagnosticsPhase(List<TicketResult> ready, ExecutorService pool) throws InterruptedException {
    try (ChainSpan phase = tracer.chain("Phase 3b: Diagnostics Analysis").start()) {
      phase.setAttribute("phase", "diagnostics").setAttribute("ticket_count", ready.size());
      forEach(ready, pool, analysers::analyseDiagnostics);
      for (String answer : List.of("yes", "no", "unknown")) {
        phase.setAttribute("was_used." + answer, ready.stream().filter(r -> answer.equals(r.wasDiagnosticsUsed)).count());
      }
      for (String answer : List.of("yes", "no", "maybe")) {
        phase.setAttribute("could_help." + answer,
            ready.stream().filter(r -> answer.equals(r.couldDiagnosticsHelp)).count());
      }
    }
  }

  private interface TicketWork {
    void run(TicketResult r) throws InterruptedException;
  }

  private interface Work {
    void run() throws InterruptedException;
  }

  private static void forEach(List<TicketResult> results, ExecutorService pool, TicketWork work)
      throws InterruptedException {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (TicketResult r : results) {
      futures.add(CompletableFuture.runAsync(() -> interruptible(() -> work.run(r)), pool));
    }
    join(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)));
  }

  private static void interruptible(Work work) {
    try {
      work.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  private static void join(CompletableFuture<Void> all) throws InterruptedException {
    try {
      all.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw (InterruptedException) e.getCause();
      }
      throw e;
    }
  }

  private static long count(List<TicketResult> results, boolean failed) {
    return results.stream().filter(r -> r.failed() == failed).count();
  }
}

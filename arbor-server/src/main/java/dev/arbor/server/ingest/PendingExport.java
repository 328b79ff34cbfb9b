package dev.arbor.server.ingest;

import dev.arbor.model.Span;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One export request's spans waiting in the queue, its memory estimate, and the answer owed to it. */
record PendingExport(List<Span> spans, long bytes, int rejected, String rejectionMessage,
    CompletableFuture<IngestOutcome> done) {}

package dev.arbor.server.ingest;

/**
 * What became of one export request once committed: spans accepted (stored or already present) and
 * spans rejected as invalid, with the message for OTLP's {@code partial_success}.
 */
public record IngestOutcome(int accepted, int rejected, String rejectionMessage) {}

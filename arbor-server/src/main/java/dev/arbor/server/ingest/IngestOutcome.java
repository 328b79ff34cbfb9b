package dev.arbor.server.ingest;

/**
 * What became of one export request once committed: how many of its spans were rejected as invalid, with
 * the message for OTLP's {@code partial_success}; all the others are stored.
 */
public record IngestOutcome(int rejected, String rejectionMessage) {}

/**
 * The one span representation every layer shares: immutable records, times in epoch nanoseconds as in
 * OTLP, the attributes kept exactly as received beside the canonical LLM fields derived from them.
 */
package dev.arbor.model;

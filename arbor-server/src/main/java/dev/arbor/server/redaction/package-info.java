/**
 * Server-side redaction: the rules in force (the file given at start, then those set through the API and kept
 * in the store), applied by the ingest pipeline to every span before it is normalised and queued.
 */
package dev.arbor.server.redaction;

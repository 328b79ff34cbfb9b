/**
 * The one ingest pipeline every transport enters: normalise, queue within a memory budget, and commit in
 * groups; a request is answered only once its spans are committed.
 */
package dev.arbor.server.ingest;

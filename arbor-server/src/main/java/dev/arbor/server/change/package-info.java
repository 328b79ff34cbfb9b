/**
 * Every change a user makes through Arbor, apart from ingest: projects, deletions, annotations and notes.
 * One service, so that access control and the audit trail have one place to hook in.
 */
package dev.arbor.server.change;

/**
 * The audit trail's server side: every change made through the REST API recorded, with who, when, from where,
 * why and what, before the answer goes back; and the trail read, exported and verified.
 */
package dev.arbor.server.audit;

/**
 * Alert rules evaluated on a schedule against the project's spans, with their state kept in the store and
 * changes posted to webhooks.
 */
package dev.arbor.server.alerts;

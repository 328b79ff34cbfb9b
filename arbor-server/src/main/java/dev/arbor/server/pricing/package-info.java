/**
 * The prices in force ({@link dev.arbor.server.pricing.Pricing}): ingest prices every span with them, the API
 * changes them, and stored costs are recomputed in the background when they change.
 */
package dev.arbor.server.pricing;

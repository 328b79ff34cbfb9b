/**
 * The PostgreSQL store: spans partitioned by day, written by COPY into a staging table and inserted with
 * {@code ON CONFLICT DO NOTHING}, so several Arbor servers can share one database.
 */
package dev.arbor.store.postgres;

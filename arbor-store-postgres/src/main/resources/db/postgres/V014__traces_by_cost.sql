-- The traces sorted by cost (the dashboard's costliest traces, the trace list's cost column) read this index backwards
-- instead of sorting every trace of the range: 437 ms p95 for the 5 costliest of 1.25M traces (10M spans) without it.
-- The expression is TraceReads' sort key: a trace with no priced span sorts as -1. DuckDB sorts without an index.
CREATE INDEX traces_by_cost ON traces (project_id, (coalesce(cost, -1)), root_id) WHERE root_id IS NOT NULL;

import { useEffect, useState } from 'preact/hooks';
import { type Annotation, api, type Row } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { EmptyState } from '../../components/common/EmptyState';
import { PAGE, usePagedList } from '../../components/common/usePagedList';
import { RowsTable } from '../../components/project/RowsTable';

/**
 * The trace or span table of a project: pages of {@link PAGE} rows, more on request, refreshed every few
 * seconds in live mode. A 400 from the server is an invalid filter, shown at the filter bar.
 */
export function RowsTab(props: {
  project: string;
  kind: 'traces' | 'spans';
  filter: string;
  range: number | null;
  live: boolean;
  onFilterError: (message: string | null) => void;
}) {
  // Spans come in the order they were stored (newest first) until a column is chosen: the cheapest order to page.
  const [sort, setSort] = useState<{ by: string; order: string }>(
    { by: props.kind === 'traces' ? 'start_time' : 'stored', order: 'desc' });
  const [annotations, setAnnotations] = useState<Map<string, { name: string; value: string }[]>>(new Map());
  const { items: rows, cursor, error, more } = usePagedList<Row>({
    fetch: (startTime, after, limit) => {
      const params = { filter: props.filter, start_time: startTime, cursor: after, limit, sort: sort.by, order: sort.order };
      return props.kind === 'traces' ? api.traces(props.project, params) : api.spans(props.project, params);
    },
    range: props.range, live: props.live, onFilterError: props.onFilterError,
    deps: [props.project, props.kind, props.filter, sort.by, sort.order],
  });

  // The rows' annotations: on a span (its own, or a trace's root span's) and, for traces, on the trace itself.
  useEffect(() => {
    let current = true;
    if (!rows || rows.length === 0) {
      setAnnotations(new Map());
      return undefined;
    }
    const byRow = new Map<string, { name: string; value: string }[]>();
    const rowOfSpan = new Map(rows.map((r) => [r.span_id, props.kind === 'traces' ? r.trace_id : r.span_id]));
    const add = (row: string | undefined, a: Annotation) => {
      if (!row) return;
      const list = byRow.get(row) ?? [];
      if (list.some((x) => x.name === a.name)) return;
      const value = a.result.label ?? (a.result.score === null ? '' : String(a.result.score));
      byRow.set(row, [...list, { name: a.name, value }]);
    };
    const chunks = <T,>(all: T[]) => Array.from({ length: Math.ceil(all.length / 100) }, (_, i) => all.slice(i * 100, i * 100 + 100));
    const calls = chunks(rows.map((r) => r.span_id)).map((ids) => api.annotationsOf(props.project, 'span', ids)
      .then((p) => p.data.forEach((a) => add(rowOfSpan.get(a.span_id ?? ''), a))));
    if (props.kind === 'traces') {
      calls.push(...chunks(rows.map((r) => r.trace_id)).map((ids) => api.annotationsOf(props.project, 'trace', ids)
        .then((p) => p.data.forEach((a) => add(a.trace_id, a)))));
    }
    Promise.all(calls).then(() => current && setAnnotations(byRow), () => undefined);
    return () => { current = false; };
  }, [rows]);

  if (error !== null) return <ErrorBox error={error} />;
  if (rows === null) return <p class="muted">Loading…</p>;
  if (rows.length === 0 && !props.filter && props.range === null) return <EmptyState project={props.project} />;
  if (rows.length === 0) return <p class="muted">No {props.kind} match the filter and time range.</p>;
  return (
    <div>
      <RowsTable project={props.project} kind={props.kind} rows={rows} sort={sort}
        onSort={setSort} list={{ filter: props.filter, range: props.range }}
        annotations={annotations} />
      <p class="table-footer">
        {rows.length.toLocaleString()} {props.kind} shown
        {cursor && <button type="button" onClick={more}>Load {PAGE} more</button>}
      </p>
    </div>
  );
}

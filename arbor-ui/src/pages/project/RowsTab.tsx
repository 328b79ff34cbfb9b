import { useEffect, useRef, useState } from 'preact/hooks';
import { type Annotation, ApiError, api, type Row } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { EmptyState } from '../../components/common/EmptyState';
import { RowsTable } from '../../components/project/RowsTable';
import { rangeStart } from '../../format';

const PAGE = 100;

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
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Spans come in the order they were stored (newest first) until a column is chosen: the cheapest order to page.
  const [sort, setSort] = useState<{ by: string; order: string }>(
    { by: props.kind === 'traces' ? 'start_time' : 'stored', order: 'desc' });
  const generation = useRef(0);
  const [annotations, setAnnotations] = useState<Map<string, { name: string; value: string }[]>>(new Map());
  // The range's start is fixed when a list is loaded, so that its later pages ask for the same window.
  const start = useRef<string | null>(null);
  const shown = useRef(0);

  const fetchPage = (after: string | null, limit = PAGE) => {
    const params = { filter: props.filter, start_time: start.current, cursor: after, limit, sort: sort.by, order: sort.order };
    return props.kind === 'traces' ? api.traces(props.project, params) : api.spans(props.project, params);
  };

  /** Loads the first page; a live refresh reloads as many rows as are shown (up to 1000), keeping "more". */
  const load = (refresh = false) => {
    const mine = ++generation.current;
    if (!refresh) start.current = rangeStart(props.range);
    fetchPage(null, refresh ? Math.min(1000, Math.max(PAGE, shown.current)) : PAGE).then((page) => {
      if (mine !== generation.current) return;
      shown.current = page.data.length;
      setRows(page.data);
      setCursor(page.next_cursor);
      setError(null);
      props.onFilterError(null);
    }, (err) => {
      if (mine !== generation.current) return;
      if (err instanceof ApiError && err.status === 400) {
        props.onFilterError(err.message);
        setRows([]);
      } else {
        setError(err);
      }
    });
  };

  useEffect(() => load(), [props.project, props.kind, props.filter, props.range, sort.by, sort.order]);
  useEffect(() => {
    if (!props.live) return undefined;
    const timer = setInterval(() => load(true), 3000);
    return () => clearInterval(timer);
  }, [props.live, props.project, props.kind, props.filter, props.range, sort.by, sort.order]);

  const more = () => {
    const mine = generation.current;
    fetchPage(cursor).then((page) => {
      if (mine !== generation.current) return; // the list was reloaded meanwhile
      setRows((current) => {
        const all = (current ?? []).concat(page.data);
        shown.current = all.length;
        return all;
      });
      setCursor(page.next_cursor);
    }, setError);
  };

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

import type { Row } from '../../api';
import { count, duration, money, moneyTitle, oneLine, time } from '../../format';
import { paths } from '../../router';
import { KindBadge } from '../common/KindBadge';
import { Link } from '../common/Link';
import { StatusBadge } from '../common/StatusBadge';

type Sort = { by: string; order: string };

/** Trace or span rows: what a person scans for, each linking to its trace (and span). */
export function RowsTable(props: {
  project: string; kind: 'traces' | 'spans'; rows: Row[]; sort: Sort; onSort?: (s: Sort) => void;
  /** The list's filter and range, kept by the trace view so that newer/older step through this list. */
  list?: { filter: string; range: number | null };
  /** Annotations by row (trace id for traces, span id for spans): one label or score per name. */
  annotations?: Map<string, { name: string; value: string }[]>;
}) {
  const header = (label: string, by: string) => {
    if (!props.onSort) return <th>{label}</th>;
    const active = props.sort.by === by;
    const next = active && props.sort.order === 'desc' ? 'asc' : 'desc';
    return (
      <th aria-sort={active ? (props.sort.order === 'desc' ? 'descending' : 'ascending') : 'none'}>
        <button type="button" class="sort" onClick={() => props.onSort!({ by, order: next })}>
          {label} {active ? (props.sort.order === 'desc' ? '↓' : '↑') : ''}
        </button>
      </th>
    );
  };
  return (
    <table class="table rows">
      <thead>
        <tr>
          <th>Status</th><th>Kind</th><th>Name</th><th>Input</th><th>Output</th>
          {header('Start', 'start_time')}{header('Latency', 'latency_ms')}<th>Tokens</th>{header('Cost', 'cost')}
          {props.kind === 'traces' && <th>Spans</th>}
          <th>Annotations</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.trace_id + r.span_id} class={r.status_code === 'ERROR' ? 'row-error' : ''}>
            <td><StatusBadge status={r.status_code} /></td>
            <td><KindBadge kind={r.span_kind} /></td>
            <td class="name">
              <Link href={paths.trace(props.project, r.trace_id, props.kind === 'spans' ? r.span_id : undefined,
                props.kind === 'traces' && props.list ? { filter: props.list.filter, range: props.list.range === null ? null : String(props.list.range) } : undefined)}>{r.name}</Link>
              {r.model && <span class="muted model"> {r.model}</span>}
            </td>
            <td class="preview" title={r.input ?? ''}>{oneLine(r.input)}</td>
            <td class="preview" title={r.output ?? r.status_message}>{oneLine(r.output ?? (r.status_code === 'ERROR' ? r.status_message : ''))}</td>
            <td class="nowrap">{time(r.start_time)}</td>
            <td class="num">{duration(r.latency_ms)}</td>
            <td class="num">{count(r.tokens.total)}</td>
            <td class={r.cost.total === null && r.cost.unpriced_spans > 0 ? 'num muted' : 'num'} title={moneyTitle(r.cost)}>{money(r.cost)}</td>
            {props.kind === 'traces' && (
              <td class="num">{r.span_count}{r.error_count ? <span class="error-text"> ({r.error_count} ✕)</span> : null}</td>
            )}
            <td class="annotations-cell">
              {(props.annotations?.get(props.kind === 'traces' ? r.trace_id : r.span_id) ?? []).map((a) => (
                <span key={a.name} class="badge" title={a.name}>{a.name}: {a.value}</span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

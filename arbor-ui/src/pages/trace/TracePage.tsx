import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type TraceView } from '../../api';
import { CopyButton } from '../../components/common/CopyButton';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { SpanDetails } from '../../components/trace/SpanDetails';
import { TraceWaterfall } from '../../components/trace/TraceWaterfall';
import { count, duration, money, moneyTitle, rangeStart, time } from '../../format';
import { navigate, paths } from '../../router';

/** One trace: the span tree and timeline on the left, the selected span's details on the right. */
export function TracePage(props: {
  project: string; traceId: string; spanId: string | null; listFilter: string | null; listRange: string | null;
}) {
  const [trace, setTrace] = useState<TraceView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    setTrace(null);
    setError(null);
    api.trace(props.traceId, { filter: props.listFilter, start_time: props.listRange ? rangeStart(Number(props.listRange)) : null })
      .then((t) => current && setTrace(t.data), (e) => current && setError(e));
    return () => { current = false; };
  }, [props.traceId, props.listFilter, props.listRange]);
  const list = { filter: props.listFilter, range: props.listRange };

  const root = useMemo(() => trace?.spans.find((s) => !s.parent_id) ?? trace?.spans[0], [trace]);
  const selected = trace?.spans.find((s) => s.span_id === props.spanId) ?? root;
  const select = (spanId: string) => navigate(paths.trace(props.project, props.traceId, spanId, list), true);

  if (error !== null) return <section class="page"><ErrorBox error={error} /></section>;
  if (!trace || !root || !selected) return <section class="page"><p class="muted">Loading…</p></section>;
  const errors = trace.spans.filter((s) => s.status_code === 'ERROR').length;
  const tokens = trace.spans.reduce((sum, s) => sum + (s.span_kind === 'LLM' ? s.tokens.total ?? 0 : 0), 0);
  const cost = trace.spans.reduce((sum, s) => ({
    total: s.cost.total === null ? sum.total : (sum.total ?? 0) + s.cost.total,
    unpriced_spans: sum.unpriced_spans + s.cost.unpriced_spans,
  }), { total: null as number | null, unpriced_spans: 0 });
  const start = trace.spans.reduce((m, s) => Math.min(m, s.start_offset_nanos), Infinity);
  const end = trace.spans.reduce((m, s) => Math.max(m, s.end_offset_nanos), -Infinity);
  return (
    <section class="page trace-page">
      <header class="page-header">
        <p class="crumbs">
          <Link href={paths.projects()}>Projects</Link> / <Link href={paths.project(props.project)}>{props.project}</Link> /
        </p>
        <h1>{root.name}</h1>
        <p class="trace-facts">
          <span>Trace <code>{trace.trace_id}</code> <CopyButton text={trace.trace_id} /></span>
          <span>{time(root.start_time)}</span>
          <span>{duration((end - start) / 1e6)}</span>
          <span>{trace.spans.length} spans</span>
          <span class={errors ? 'error-text' : ''}>{errors} {errors === 1 ? 'error' : 'errors'}</span>
          <span>{count(tokens)} LLM tokens</span>
          <span title={moneyTitle(cost)}>{money(cost)}</span>
          <CopyButton text={window.location.href} label="copy link" />
          <span class="step">
            {trace.newer_trace_id ? <Link href={paths.trace(props.project, trace.newer_trace_id, undefined, list)}>← newer trace</Link> : <span class="muted">← newer trace</span>}
            {' · '}
            {trace.older_trace_id ? <Link href={paths.trace(props.project, trace.older_trace_id, undefined, list)}>older trace →</Link> : <span class="muted">older trace →</span>}
          </span>
        </p>
      </header>
      <div class="trace-layout">
        <TraceWaterfall spans={trace.spans} selected={selected.span_id} onSelect={select} />
        <SpanDetails project={props.project} span={selected} />
      </div>
    </section>
  );
}

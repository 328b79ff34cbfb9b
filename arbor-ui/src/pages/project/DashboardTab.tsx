import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type CostProjection, type Metrics, type MetricsRow, type Row } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { percent } from '../../components/project/StatsLine';
import { ChainsSection } from '../../components/dashboard/ChainsSection';
import { type Series, TimeChart } from '../../components/dashboard/TimeChart';
import { count, dollars, duration, money, moneyTitle, rangeStart, time } from '../../format';
import { paths } from '../../router';

const THIRTY_DAYS = 30 * 24 * 60;
/** The split that means the span name rather than an attribute (no attribute key has a NUL in it). */
const NAME = '\u0000name';

interface Data {
  overall: Metrics;
  byKind: Metrics;
  byModel: Metrics;
  models: Metrics;
  errors: Metrics;
  exceptions: Metrics;
  httpStatuses: Metrics;
  projection: CostProjection;
  slowest: Row[];
  costliest: Row[];
  latestErrors: Row[];
}

/** "per minute", "per 5 minutes", "per hour", "per day", "per week": the width of the charts' buckets. */
function per(seconds: number): string {
  const units: [number, string][] = [[604_800, 'week'], [86_400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  for (const [size, name] of units) {
    if (seconds % size === 0) {
      const n = seconds / size;
      return n === 1 ? `per ${name}` : `per ${n} ${name}s`;
    }
  }
  return `per ${seconds} seconds`;
}

/** A filter that also requires {@code condition}; either may be empty. */
function and(filter: string, condition: string): string {
  if (!filter) return condition;
  if (!condition) return filter;
  return `(${filter}) and ${condition}`;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Spans with this HTTP status under either key (compared as a number, text that is a number counts too). */
function httpStatus(status: string): string {
  const value = /^\d+$/.test(status) ? status : quote(status);
  return ['http.response.status_code', 'http.status_code'].map((key) => `attributes['${key}'] == ${value}`).join(' or ');
}

/** The spans of one series of a chart grouped by model. */
function modelIs(model: string | null): string {
  return model === null ? 'llm.model_name is None' : `llm.model_name == ${quote(model)}`;
}

/** Spans that started in [from, to), in epoch seconds. */
function startedIn(from: number, to: number): string {
  const iso = (seconds: number) => quote(new Date(seconds * 1000).toISOString());
  return `start_time >= ${iso(from)} and start_time < ${iso(to)}`;
}

/**
 * The x axis (bucket starts, in epoch seconds) and one series per group, a missing bucket counting as {@code gap};
 * {@code condition} gives the filter that selects a group's spans.
 */
function series(m: Metrics, value: (r: MetricsRow) => number | null, gap: number | null, label?: string,
  condition?: (group: string | null) => string): { x: number[]; series: Series[] } {
  const xs = [...new Set(m.rows.map((r) => Date.parse(r.bucket_start) / 1000))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const groups = new Map<string, Series>();
  for (const r of m.rows) {
    const name = label ?? r.group ?? '(none)';
    if (!groups.has(name)) groups.set(name, { label: name, values: xs.map(() => gap), filter: condition?.(r.group) });
    groups.get(name)!.values[index.get(Date.parse(r.bucket_start) / 1000)!] = value(r);
  }
  return { x: xs, series: [...groups.values()] };
}

/**
 * A project's dashboard over the chosen range and filter: calls by kind, latency percentiles, error rate,
 * tokens and cost by model, what the month will cost, errors by message, the models side by side, the latest
 * errors (each opening its span, with the exception and stack trace) and the slowest traces. Every chart and row links to the spans behind it.
 */
export function DashboardTab(props: { project: string; filter: string; range: number | null; onFilterError: (m: string | null) => void }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);
  // What the extra chart splits calls by: an attribute's key (an agent's name), NAME for the span name, or nothing.
  const [splitKey, setSplitKey] = useState('');
  const [split, setSplit] = useState<Metrics | null>(null);
  const byName = splitKey === NAME;
  useEffect(() => {
    let current = true;
    setSplit(null);
    if (!splitKey) return undefined;
    api.metrics(props.project, { start_time: rangeStart(props.range ?? THIRTY_DAYS)!, filter: props.filter || undefined,
      ...(byName ? { group_by: 'name' } : { group_by: 'attribute', group_key: splitKey }) })
      .then((m) => current && setSplit(m.data), (e) => current && setError(e));
    return () => { current = false; };
  }, [props.project, props.filter, props.range, splitKey]);
  useEffect(() => {
    let current = true;
    setData(null);
    setError(null);
    const start = rangeStart(props.range ?? THIRTY_DAYS)!;
    const f = props.filter || undefined;
    Promise.all([
      api.metrics(props.project, { start_time: start, filter: f }),
      api.metrics(props.project, { start_time: start, filter: f, group_by: 'span_kind' }),
      api.metrics(props.project, { start_time: start, filter: f, group_by: 'model' }),
      api.metrics(props.project, { start_time: start, filter: f, group_by: 'model', bucket: 'all' }),
      api.metrics(props.project, { start_time: start, filter: and(props.filter, "status_code == 'ERROR'"), group_by: 'status_message', bucket: 'all' }),
      api.costProjection(props.project),
      api.traces(props.project, { start_time: start, sort: 'latency_ms', order: 'desc', limit: 5 }),
      api.spans(props.project, { start_time: start, filter: and(props.filter, "status_code == 'ERROR'"), limit: 5 }),
      api.traces(props.project, { start_time: start, sort: 'cost', order: 'desc', limit: 5 }),
      api.metrics(props.project, { start_time: start, filter: and(props.filter, "status_code == 'ERROR'"), group_by: 'exception_type', bucket: 'all' }),
      api.metrics(props.project, { start_time: start, filter: and(props.filter, "status_code == 'ERROR'"), group_by: 'http_status', bucket: 'all' }),
    ]).then(([overall, byKind, byModel, models, errors, projection, slowest, latestErrors, costliest, exceptions, httpStatuses]) => {
      if (!current) return;
      props.onFilterError(null);
      setData({ overall: overall.data, byKind: byKind.data, byModel: byModel.data, models: models.data,
        errors: errors.data, projection: projection.data, slowest: slowest.data, latestErrors: latestErrors.data,
        costliest: costliest.data.filter((r) => r.cost.total !== null), exceptions: exceptions.data,
        httpStatuses: httpStatuses.data });
    }, (e) => {
      if (!current) return;
      if (e instanceof ApiError && e.status === 400) props.onFilterError(e.message);
      else setError(e);
    });
    return () => { current = false; };
  }, [props.project, props.filter, props.range]);

  if (error !== null) return <ErrorBox error={error} />;
  if (!data) return <p class="muted">Loading…</p>;
  const spansOf = (condition = '') => {
    const q = new URLSearchParams();
    const f = and(props.filter, condition);
    if (f) q.set('filter', f);
    q.set('range', String(props.range ?? THIRTY_DAYS));
    return `${paths.project(props.project, 'spans')}?${q}`;
  };
  // The spans behind one point of a chart: the chart's own condition, the series' (if the cursor is near one), the
  // bucket's time.
  const pointOf = (condition = '') => (from: number, to: number, s: Series | null) =>
    spansOf(and(and(condition, s?.filter ?? ''), startedIn(from, to)));
  const t = data.overall.totals;
  const p = data.projection;
  const calls = series(data.byKind, (r) => r.spans, 0, undefined, (kind) => `span_kind == ${quote(kind ?? '')}`);
  const latency = series(data.overall, (r) => r.latency_ms.p50, null);
  const latencies: Series[] = [
    { label: 'p50', values: latency.x.map((_, i) => latency.series[0]?.values[i] ?? null) },
    { label: 'p95', values: series(data.overall, (r) => r.latency_ms.p95, null).series[0]?.values ?? [] },
    { label: 'p99', values: series(data.overall, (r) => r.latency_ms.p99, null).series[0]?.values ?? [] },
  ];
  const errorRate = series(data.overall, (r) => r.error_rate, null, 'error rate');
  const tokens = series(data.byModel, (r) => r.tokens.total ?? (r.tokens.prompt ?? 0) + (r.tokens.completion ?? 0), 0,
    undefined, modelIs);
  const cost = series(data.byModel, (r) => r.cost.total, 0, undefined, modelIs);
  const width = data.overall.bucket_seconds;
  const bucket = per(data.overall.bucket_seconds);
  const range: [number, number] = [Date.parse(data.overall.start_time) / 1000, Date.parse(data.overall.end_time) / 1000];
  const ms = (v: number) => duration(v);
  return (
    <div class="dashboard">
      <dl class="tiles" aria-label="Totals">
        <div><dt>Calls</dt><dd>{count(t?.spans ?? 0)}</dd></div>
        <div><dt>Error rate</dt><dd class={t && t.errors ? 'error-text' : ''}>{t ? percent(t.error_rate) : '–'}</dd></div>
        <div><dt>Latency p50 / p95 / p99</dt><dd>{t ? `${ms(t.latency_ms.p50)} / ${ms(t.latency_ms.p95)} / ${ms(t.latency_ms.p99)}` : '–'}</dd></div>
        <div><dt>Tokens</dt><dd>{count(t?.tokens.total ?? null)}</dd></div>
        <div><dt>Cost</dt><dd title={moneyTitle(t?.cost)}>{money(t?.cost)}</dd></div>
        <div><dt>This month, projected</dt>
          <dd title={`So far ${p.month_to_date === null ? '–' : dollars(p.month_to_date)}; at the last 24 hours' rate until ${p.month_end.slice(0, 10)}`}>
            {p.projected_month === null ? '–' : `${p.unpriced_spans ? '≥ ' : ''}${dollars(p.projected_month)}`}
          </dd></div>
      </dl>
      <form class="split" onSubmit={(e) => { e.preventDefault(); setSplitKey(((e.currentTarget as HTMLFormElement).elements.namedItem('key') as HTMLInputElement).value.trim()); }}>
        <label>Split calls by attribute <input name="key" class="mono" placeholder="agent.name" defaultValue={byName ? '' : splitKey} /></label>
        <button type="submit">Split</button>
        <button type="button" onClick={() => setSplitKey(NAME)}>Split by span name</button>
      </form>
      <div class="charts">
        <TimeChart title={`Calls ${bucket}, by span kind`} href={spansOf()} {...calls} format={(v) => count(Math.round(v))} range={range}
          bucketSeconds={width} pointHref={pointOf()} />
        <TimeChart title="Latency p50, p95, p99" href={spansOf()} x={latency.x} series={latencies} format={ms} range={range}
          bucketSeconds={width} pointHref={pointOf()} />
        <TimeChart title="Error rate" href={spansOf("status_code == 'ERROR'")} {...errorRate} format={(v) => percent(v)} range={range}
          bucketSeconds={width} pointHref={pointOf("status_code == 'ERROR'")} />
        <TimeChart title={`Tokens ${bucket}, by model`} href={spansOf('llm.token_count.total is not None')} {...tokens} format={(v) => count(Math.round(v))} range={range}
          bucketSeconds={width} pointHref={pointOf('llm.token_count.total is not None')} />
        {split && <TimeChart title={`Calls ${bucket}, by ${byName ? 'span name' : splitKey}`}
          href={byName ? spansOf() : spansOf(`attributes[${quote(splitKey)}] is not None`)}
          {...series(split, (r) => r.spans, 0, undefined, (v) => byName ? `name == ${quote(v ?? '')}`
            : v === null ? `attributes[${quote(splitKey)}] is None` : `str(attributes[${quote(splitKey)}]) == ${quote(v)}`)}
          format={(v) => count(Math.round(v))} range={range} bucketSeconds={split.bucket_seconds} pointHref={pointOf()} />}
        <TimeChart title={`Cost ${bucket}, by model`} href={spansOf('cost is not None')} {...cost} format={(v) => (v === 0 ? '$0' : dollars(v))} range={range}
          bucketSeconds={width} pointHref={pointOf('cost is not None')} />
      </div>
      <section>
        <h2>Models side by side</h2>
        <table class="table" aria-label="Models side by side">
          <thead><tr><th>Model</th><th>Calls</th><th>Error rate</th><th>p50</th><th>p95</th><th>Tokens per call</th><th>Cost per 1K calls</th><th>Cost</th></tr></thead>
          <tbody>
            {data.models.rows.map((r) => (
              <tr key={r.group ?? ''}>
                <td><Link href={spansOf(r.group === null ? 'llm.model_name is None' : `llm.model_name == ${quote(r.group)}`)}>{r.group ?? '(no model)'}</Link></td>
                <td class="num">{count(r.spans)}</td>
                <td class={r.errors ? 'num error-text' : 'num'}>{percent(r.error_rate)}</td>
                <td class="num">{ms(r.latency_ms.p50)}</td><td class="num">{ms(r.latency_ms.p95)}</td>
                <td class="num">{r.tokens.total === null ? '–' : count(Math.round(r.tokens.total / r.spans))}</td>
                <td class="num">{r.cost.total === null ? money(r.cost) : dollars((r.cost.total / r.spans) * 1000)}</td>
                <td class="num" title={moneyTitle(r.cost)}>{money(r.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Errors by exception type</h2>
        {data.exceptions.rows.length === 0 ? <p class="muted">No errors in this range.</p> : (
          <table class="table" aria-label="Errors by exception type">
            <thead><tr><th>Exception type</th><th>Errors</th><th>Share</th></tr></thead>
            <tbody>
              {[...data.exceptions.rows].sort((a, b) => b.spans - a.spans).map((r) => (
                <tr key={r.group ?? ''}>
                  <td>{r.group ?? <span class="muted">(no exception recorded)</span>}</td>
                  <td class="num">{count(r.spans)}</td>
                  <td class="num">{percent(r.spans / data.exceptions.rows.reduce((n, e) => n + e.spans, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Errors by HTTP status</h2>
        {data.httpStatuses.rows.every((r) => r.group === null) ? <p class="muted">No failed span in this range carries an HTTP status.</p> : (
          <table class="table" aria-label="Errors by HTTP status">
            <thead><tr><th>HTTP status</th><th>Errors</th><th>Share</th></tr></thead>
            <tbody>
              {[...data.httpStatuses.rows].sort((a, b) => b.spans - a.spans).map((r) => (
                <tr key={r.group ?? ''}>
                  <td>{r.group === null ? <span class="muted">(none recorded)</span> : (
                    <Link href={spansOf(`status_code == 'ERROR' and (${httpStatus(r.group)})`)}>{r.group}</Link>)}</td>
                  <td class="num">{count(r.spans)}</td>
                  <td class="num">{percent(r.spans / data.httpStatuses.rows.reduce((n, e) => n + e.spans, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Errors by message</h2>
        {data.errors.rows.length === 0 ? <p class="muted">No errors in this range.</p> : (
          <table class="table" aria-label="Errors by message">
            <thead><tr><th>Status message</th><th>Errors</th><th>Share</th></tr></thead>
            <tbody>
              {[...data.errors.rows].sort((a, b) => b.spans - a.spans).map((r) => (
                <tr key={r.group ?? ''}>
                  <td><Link href={spansOf(`status_code == 'ERROR' and status_message == ${quote(r.group ?? '')}`)}>{r.group || '(no message)'}</Link></td>
                  <td class="num">{count(r.spans)}</td>
                  <td class="num">{percent(r.spans / data.errors.rows.reduce((n, e) => n + e.spans, 0))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Latest errors</h2>
        {data.latestErrors.length === 0 ? <p class="muted">No errors in this range.</p> : (
          <ol class="slowest" aria-label="Latest errors">
            {data.latestErrors.map((r) => (
              <li key={r.span_id}>
                <Link href={paths.trace(props.project, r.trace_id, r.span_id)}>{r.name}</Link>{' '}
                <span class="error-text">{r.status_message}</span> <span class="muted">{time(r.start_time)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <ChainsSection project={props.project} start={data.overall.start_time} filter={props.filter} spansOf={spansOf} />
      <section>
        <h2>Most expensive traces</h2>
        {data.costliest.length === 0 ? <p class="muted">No priced calls in this range.</p> : (
          <ol class="slowest" aria-label="Most expensive traces">
            {data.costliest.map((r) => (
              <li key={r.trace_id}>
                <Link href={paths.trace(props.project, r.trace_id)}>{r.name}</Link>{' '}
                <span title={moneyTitle(r.cost)}>{money(r.cost)}</span> <span class="muted">{count(r.tokens.total)} tokens</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h2>Slowest traces</h2>
        <ol class="slowest">
          {data.slowest.map((r) => (
            <li key={r.trace_id}>
              <Link href={paths.trace(props.project, r.trace_id)}>{r.name}</Link> <span class="muted">{duration(r.latency_ms)} · {money(r.cost)}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, type Chains } from '../../api';
import { duration, time } from '../../format';
import { paths } from '../../router';
import { Link } from '../common/Link';
import { percent } from '../project/StatsLine';

/**
 * The chains part of a dashboard: over the newest traces of the range whose root span the filter selects, how deep
 * and long they are, how much of their work runs in parallel, which spans most often lie on the critical path; and
 * the newest failed chains (traces where a span below the root failed). It loads on its own, so a filter that
 * cannot select traces (a span-only expression) leaves the rest of the dashboard standing.
 */
export function ChainsSection(props: { project: string; start: string; filter: string; spansOf: (condition: string) => string }) {
  const [chains, setChains] = useState<Chains | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setChains(null);
    setProblem(null);
    api.chains(props.project, { start_time: props.start, filter: props.filter || undefined }).then(
      (c) => current && setChains(c.data),
      (e) => current && setProblem(e instanceof ApiError ? e.message : String(e)));
    return () => { current = false; };
  }, [props.project, props.start, props.filter]);
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (problem !== null) {
    return <section aria-label="Chains"><h2>Chains</h2><p class="muted">The chains cannot be shown for this filter: {problem}</p></section>;
  }
  if (!chains) return <section aria-label="Chains"><h2>Chains</h2><p class="muted">Loading…</p></section>;
  const c = chains;
  return (
    <section aria-label="Chains">
      <h2>Chains</h2>
      {c.traces === 0 ? <p class="muted">No traces in this range.</p> : (
        <>
          <p class="muted">
            Over the {c.traces === c.sample_limit ? `newest ${c.traces}` : `${c.traces}`} traces of the range
            {props.filter ? ' whose root span the filter selects' : ''}.
          </p>
          <dl class="tiles" aria-label="Chain shape">
            <div><dt>Depth p50 / p95 / max</dt><dd>{c.depth.p50} / {c.depth.p95} / {c.depth.max}</dd></div>
            <div><dt>Duration p50 / p95 / max</dt><dd>{duration(c.duration_ms.p50)} / {duration(c.duration_ms.p95)} / {duration(c.duration_ms.max)}</dd></div>
            <div><dt>Spans p50 / max</dt><dd>{c.spans.p50} / {c.spans.max}</dd></div>
            <div title="The leaf spans' summed time over the time any of them runs: 1 when the calls run one after another">
              <dt>Parallel work</dt><dd>×{c.mean_concurrency.toFixed(2)}</dd></div>
            <div><dt>Traces with calls at once</dt><dd>{c.parallel_traces} of {c.traces} (peak {c.peak_concurrency})</dd></div>
          </dl>
          <table class="table" aria-label="On the critical path">
            <thead><tr><th>On the critical path</th><th>Traces</th><th>Share</th><th>Mean time</th></tr></thead>
            <tbody>
              {c.critical_path.map((p) => (
                <tr key={p.name}>
                  <td><Link href={props.spansOf(`name == ${quote(p.name)}`)}>{p.name}</Link></td>
                  <td class="num">{p.traces}</td>
                  <td class="num">{percent(p.share)}</td>
                  <td class="num">{duration(p.mean_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Failed chains</h2>
      {c.failed_chains.length === 0 ? <p class="muted">No trace in this range has a failed span below its root.</p> : (
        <ol class="slowest" aria-label="Failed chains">
          {c.failed_chains.map((f) => (
            <li key={f.trace_id}>
              <Link href={paths.trace(props.project, f.trace_id, f.failed_spans[0]?.span_id)}>{f.name}</Link>{' '}
              <span class="muted">{time(f.start_time)} · root {f.root_status.toLowerCase()} · failed: </span>
              {f.failed_spans.slice(0, 3).map((s, i) => (
                <span key={s.span_id}>{i > 0 ? ', ' : ''}<span class="error-text">{s.name}</span>{s.status_message ? ` (${s.status_message})` : ''}</span>
              ))}
              {f.failed_spans.length > 3 && <span class="muted"> and {f.failed_spans.length - 3} more</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

import type { Stats } from '../../api';
import { count, duration, money, moneyTitle, time } from '../../format';

/** A project's totals for a time range, in one line. */
export function StatsLine(props: { stats: Stats | null }) {
  const s = props.stats;
  if (!s) return <p class="stats muted">…</p>;
  return (
    <p class="stats" aria-label="Project statistics">
      <span><strong>{count(s.trace_count)}</strong> traces</span>
      <span class={s.error_trace_count ? 'error-text' : ''}><strong>{percent(s.error_rate)}</strong> with errors</span>
      <span>p50 <strong>{s.latency_p50_ms === null ? '–' : duration(s.latency_p50_ms)}</strong></span>
      <span>p99 <strong>{s.latency_p99_ms === null ? '–' : duration(s.latency_p99_ms)}</strong></span>
      <span><strong>{count(s.tokens.total)}</strong> tokens</span>
      <span title={moneyTitle(s.cost)}><strong>{money(s.cost)}</strong> cost</span>
      <span>last activity <strong>{s.last_activity ? time(s.last_activity) : '–'}</strong></span>
    </p>
  );
}

export function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(rate > 0 && rate < 0.01 ? 2 : 1)}%`;
}

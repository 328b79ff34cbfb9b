import { useState } from 'preact/hooks';
import type { AlertInput } from '../../api';

const METRICS: [AlertInput['metric'], string][] = [
  ['error_rate', 'Error rate (0–1)'], ['latency_p95_ms', 'p95 latency (ms)'], ['cost_usd', 'Cost (US dollars)'],
  ['tokens', 'Tokens'], ['span_count', 'Span count'],
];

/** A new alert rule: project, optional filter, figure, window, comparison, threshold, optional webhook. */
export function AlertForm(props: { onSubmit: (a: AlertInput) => Promise<void> }) {
  const [v, setV] = useState<Record<string, string>>({ name: '', project: '', filter: '', metric: 'error_rate',
    window: '5', comparison: 'above', threshold: '', webhook_url: '', webhook_format: 'json' });
  const set = (key: string) => (e: Event) => setV({ ...v, [key]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    await props.onSubmit({
      name: v.name.trim(), project: v.project.trim(), filter: v.filter.trim() || null,
      metric: v.metric as AlertInput['metric'], window_seconds: Math.round(Number(v.window) * 60),
      comparison: v.comparison as AlertInput['comparison'], threshold: Number(v.threshold),
      webhook_url: v.webhook_url.trim() || null, webhook_format: v.webhook_format as AlertInput['webhook_format'],
      enabled: true,
    });
  };
  return (
    <form class="price-form" onSubmit={submit} aria-label="Alert rule">
      <label>Name <input value={v.name} onInput={set('name')} required placeholder="LLM errors" /></label>
      <label>Project <input value={v.project} onInput={set('project')} required /></label>
      <label>Filter <input value={v.filter} onInput={set('filter')} class="mono" placeholder="span_kind == 'LLM'" /></label>
      <label>Figure
        <select value={v.metric} onChange={set('metric')}>{METRICS.map(([m, label]) => <option key={m} value={m}>{label}</option>)}</select>
      </label>
      <label>Over the last (minutes) <input type="number" min="1" step="1" value={v.window} onInput={set('window')} required /></label>
      <label>Fires when
        <select value={v.comparison} onChange={set('comparison')}><option value="above">above</option><option value="below">below</option></select>
      </label>
      <label>Threshold <input type="number" step="any" value={v.threshold} onInput={set('threshold')} required /></label>
      <label>Webhook URL <input value={v.webhook_url} onInput={set('webhook_url')} placeholder="https://…" /></label>
      <label>Webhook format
        <select value={v.webhook_format} onChange={set('webhook_format')}><option value="json">JSON</option><option value="slack">Slack</option></select>
      </label>
      <div class="form-actions"><button type="submit">Add rule</button></div>
    </form>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, type Alert, type AlertEvent, type AlertInput } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { useAction } from '../../components/common/useAction';
import { AlertForm } from '../../components/settings/AlertForm';
import { time } from '../../format';
import { paths } from '../../router';

function condition(a: Alert): string {
  const metric = a.metric.replace(/_/g, ' ');
  const minutes = a.window_seconds / 60;
  return `${metric} ${a.comparison} ${a.threshold} over ${minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`}`;
}

/** Alert rules with their state; add, delete, evaluate now, and each rule's history. */
export function AlertsPage() {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [history, setHistory] = useState<{ id: number; events: AlertEvent[] } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const load = () => api.alerts().then((a) => setAlerts(a.data), setError);
  useEffect(() => { load(); }, []);
  const act = useAction(load, setError);
  const add = async (a: AlertInput) => {
    if (await act(() => api.createAlert(a))) setFormKey((k) => k + 1);
  };
  const remove = (a: Alert) => window.confirm(`Delete the rule "${a.name}" and its history?`) && act(() => api.deleteAlert(a.id));
  const show = async (a: Alert) => setHistory({ id: a.id, events: (await api.alertEvents(a.id)).data });
  return (
    <section class="page">
      <header class="page-header">
        <h1>Alerts</h1>
        <p class="muted">Each rule watches one figure of a project's recent spans and posts every change of state to its webhook.</p>
      </header>
      {error !== null && <ErrorBox error={error} />}
      <details class="panel"><summary>Add a rule</summary><AlertForm key={formKey} onSubmit={add} /></details>
      <p><button type="button" onClick={() => act(() => api.evaluateAlerts())}>Evaluate now</button></p>
      {alerts === null && error === null && <p class="muted">Loading…</p>}
      {alerts !== null && alerts.length === 0 && <p class="muted">No rules yet.</p>}
      {alerts !== null && alerts.length > 0 && (
        <table class="table" aria-label="Alert rules">
          <thead><tr><th>State</th><th>Rule</th><th>Project</th><th>Condition</th><th>Last value</th><th>Evaluated</th><th>Webhook</th><th /></tr></thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} class={a.state === 'firing' ? 'row-error' : ''}>
                <td><span class={a.state === 'firing' ? 'badge error-text' : 'badge'}>{a.state === 'firing' ? 'firing' : 'ok'}</span></td>
                <td><strong>{a.name}</strong>{a.filter && <div class="muted mono">{a.filter}</div>}</td>
                <td><Link href={`${paths.project(a.project, 'dashboard')}${a.filter ? `?filter=${encodeURIComponent(a.filter)}` : ''}`}>{a.project}</Link></td>
                <td>{condition(a)}</td>
                <td class="num">{a.last_value === null ? '–' : Number(a.last_value.toPrecision(4))}</td>
                <td class="nowrap">{a.last_evaluated_at ? time(a.last_evaluated_at) : 'not yet'}</td>
                <td>{a.webhook_host ? `${a.webhook_format} to ${a.webhook_host}` : <span class="muted">none</span>}</td>
                <td class="actions">
                  <button type="button" onClick={() => show(a)}>History</button>{' '}
                  <button type="button" class="danger" onClick={() => remove(a)}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history && (
        <section>
          <h2>History of {alerts?.find((a) => a.id === history.id)?.name}</h2>
          {history.events.length === 0 ? <p class="muted">No changes yet.</p> : (
            <table class="table" aria-label="Alert history">
              <thead><tr><th>When</th><th>State</th><th>Value</th><th>Threshold</th><th>Notification</th></tr></thead>
              <tbody>
                {history.events.map((e) => (
                  <tr key={e.id}><td>{time(e.at)}</td><td>{e.state}</td><td class="num">{e.value === null ? '–' : Number(e.value.toPrecision(4))}</td>
                    <td class="num">{e.threshold}</td><td>{e.delivery}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, type RetentionPolicy, type StorageUsage } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { useAction } from '../../components/common/useAction';

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 0)} MB`;
}

/** One project's row: its spans and share of the disk, and its policy, changed and applied here. */
function ProjectRow(props: { usage: StorageUsage['projects'][number]; policy: RetentionPolicy | undefined;
  act: (work: () => Promise<unknown>) => Promise<boolean>; onApplied: (message: string) => void }) {
  const { usage, policy, act } = props;
  const [days, setDays] = useState(policy?.max_age_days?.toString() ?? '');
  const [spans, setSpans] = useState(policy?.max_spans?.toString() ?? '');
  useEffect(() => {
    setDays(policy?.max_age_days?.toString() ?? '');
    setSpans(policy?.max_spans?.toString() ?? '');
  }, [policy?.max_age_days, policy?.max_spans]);
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  const apply = async () => {
    if (!window.confirm(`Apply the policy of ${usage.project} now? Spans before its cut are deleted for good.`)) return;
    await act(async () => {
      const outcome = (await api.applyRetention(usage.project)).data;
      props.onApplied(`${usage.project}: ${outcome.deleted_spans} spans deleted`
        + (outcome.before ? ` (started before ${outcome.before})` : ''));
    });
  };
  return (
    <tr>
      <td><strong>{usage.project}</strong></td>
      <td class="num">{usage.spans.toLocaleString()}</td>
      <td class="num">{megabytes(usage.span_bytes)}</td>
      <td class="num">{(usage.share * 100).toFixed(1)}%</td>
      <td><input aria-label={`Days kept by ${usage.project}`} class="narrow" inputMode="numeric" value={days}
        placeholder="no limit" onInput={(e) => setDays((e.target as HTMLInputElement).value)} /></td>
      <td><input aria-label={`Spans kept by ${usage.project}`} class="narrow" inputMode="numeric" value={spans}
        placeholder="no limit" onInput={(e) => setSpans((e.target as HTMLInputElement).value)} /></td>
      <td class="actions">
        <button type="button" onClick={() => act(() => (days.trim() === '' && spans.trim() === ''
          ? (policy ? api.clearRetention(usage.project) : Promise.resolve())
          : api.setRetention(usage.project, number(days), number(spans))))}>Save</button>
        {policy && <button type="button" class="danger" onClick={apply}>Apply now</button>}
      </td>
    </tr>
  );
}

/**
 * Settings → Retention: each project's spans and share of the disk, and its policy (days kept, spans kept), applied
 * by the server on a schedule or here at once. Deletions are recorded in the audit trail.
 */
export function RetentionPage() {
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [policies, setPolicies] = useState<RetentionPolicy[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const load = async () => {
    setUsage((await api.storage()).data);
    setPolicies((await api.retention()).data);
  };
  useEffect(() => { load().catch(setError); }, []);
  const act = useAction(load, setError);
  return (
    <section class="page">
      <header class="page-header">
        <h1>Retention</h1>
        <p class="muted">Spans that started more than the days kept ago, and all but the newest spans kept, are deleted
          with their annotations at each run of the schedule. Leave both empty to keep everything.</p>
        {usage && <p aria-label="Database size">The database takes {megabytes(usage.database_bytes)} on disk.</p>}
      </header>
      {error !== null && <ErrorBox error={error} />}
      {applied && <p role="status">{applied}</p>}
      {usage && (
        <table class="table" aria-label="Projects and retention">
          <thead><tr><th>Project</th><th class="num">Spans</th><th class="num">Size</th><th class="num">Share</th>
            <th>Days kept</th><th>Spans kept</th><th /></tr></thead>
          <tbody>
            {usage.projects.map((p) => (
              <ProjectRow key={p.project} usage={p} policy={policies.find((x) => x.project === p.project)} act={act}
                onApplied={setApplied} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

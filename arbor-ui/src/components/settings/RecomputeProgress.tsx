import { useEffect, useState } from 'preact/hooks';
import { api, type RecomputeStatus } from '../../api';
import { count, time } from '../../format';

/** Whether stored costs match the prices: polls while a recompute runs, so its progress is visible. */
export function RecomputeProgress(props: { changes: number }) {
  const [status, setStatus] = useState<RecomputeStatus | null>(null);
  useEffect(() => {
    let current = true;
    let timer: number | undefined;
    const poll = () => api.recomputeStatus().then((s) => {
      if (!current) return;
      setStatus(s.data);
      if (s.data.state === 'running') timer = window.setTimeout(poll, 500);
    }, () => undefined);
    poll();
    return () => { current = false; window.clearTimeout(timer); };
  }, [props.changes]);
  if (!status) return null;
  if (status.state === 'running') {
    return (
      <p class="recompute" role="status">
        Recomputing stored costs: {status.groups_done} of {status.groups_total || '…'} model groups,{' '}
        {count(status.spans_updated)} spans updated
        {status.groups_total > 0 && <progress max={status.groups_total} value={status.groups_done} />}
      </p>
    );
  }
  if (status.state === 'failed') {
    return <p class="error-box" role="alert">Recomputing stored costs failed: {status.error}. It is retried on the next change or restart.</p>;
  }
  return (
    <p class="recompute muted" role="status">
      Stored costs match these prices{status.finished_at ? ` (last recompute ${time(status.finished_at)}: ${count(status.spans_updated)} spans)` : ''}.
    </p>
  );
}

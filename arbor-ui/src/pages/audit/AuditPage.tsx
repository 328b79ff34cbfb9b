import { useEffect, useState } from 'preact/hooks';
import { api, type AuditEntry, type AuditVerification } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { time } from '../../format';

function status(e: AuditEntry): string {
  try {
    const detail = JSON.parse(e.detail ?? '{}') as { status?: number };
    return detail.status === undefined ? '' : String(detail.status);
  } catch {
    return '';
  }
}

/** The audit trail, oldest first, a hundred entries a page; verify the hash chain; export for an inspector. */
export function AuditPage() {
  const [after, setAfter] = useState(0);
  const [history, setHistory] = useState<number[]>([]);
  const [page, setPage] = useState<{ entries: AuditEntry[]; next: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  useEffect(() => {
    api.audit(after).then((p) => setPage({ entries: p.data, next: p.next_cursor }), setError);
  }, [after]);
  const verify = async () => {
    try {
      setError(null);
      setVerification((await api.verifyAudit()).data);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="page">
      <header class="page-header">
        <h1>Audit trail</h1>
        <p class="muted">Every change made through the API, with who, when, from where and why. Each entry is sealed with
          SHA-256 and chained to the one before.</p>
      </header>
      {error !== null && <ErrorBox error={error} />}
      <p>
        <button type="button" onClick={verify}>Verify the chain</button>{' '}
        <a href="/api/audit/export?format=jsonl">Export JSON Lines</a>{' · '}
        <a href="/api/audit/export?format=csv">Export CSV</a>
      </p>
      {verification && (verification.intact
        ? <p role="status">Intact: {verification.entries} entries, {verification.spans} stored spans. Keep the head somewhere else:{' '}
          <span class="mono">{verification.entries}:{verification.head_hash}</span></p>
        : <p role="alert" class="error-text">Broken at entry {verification.first_bad_seq}: {verification.problem}</p>)}
      {page === null && error === null && <p class="muted">Loading…</p>}
      {page !== null && page.entries.length === 0 && <p class="muted">Nothing recorded yet.</p>}
      {page !== null && page.entries.length > 0 && (
        <table class="table" aria-label="Audit entries">
          <thead><tr><th>#</th><th>When</th><th>Who</th><th>From</th><th>What</th><th>Status</th><th>Why</th></tr></thead>
          <tbody>
            {page.entries.map((e) => (
              <>
                <tr key={e.seq} onClick={() => setOpen(open === e.seq ? null : e.seq)} class="clickable">
                  <td class="num">{e.seq}</td>
                  <td class="nowrap">{time(e.at)}</td>
                  <td>{e.actor}</td>
                  <td class="mono">{e.origin}</td>
                  <td><span class="mono">{e.action}</span><div class="muted mono">{e.target}</div></td>
                  <td class="num">{status(e)}</td>
                  <td>{e.reason ?? <span class="muted">–</span>}</td>
                </tr>
                {open === e.seq && (
                  <tr key={`${e.seq}-detail`}><td colSpan={7}>
                    <pre class="mono">{e.detail}</pre>
                    <div class="muted mono">hash {e.hash}<br />previous {e.prev_hash}</div>
                  </td></tr>
                )}
              </>
            ))}
          </tbody>
        </table>
      )}
      <p>
        {history.length > 0 && <button type="button" onClick={() => { setAfter(history[history.length - 1]); setHistory(history.slice(0, -1)); }}>Earlier</button>}{' '}
        {page?.next && <button type="button" onClick={() => { setHistory([...history, after]); setAfter(Number(page.next)); }}>Later</button>}
      </p>
    </section>
  );
}

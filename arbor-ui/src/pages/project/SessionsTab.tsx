import { useEffect, useState } from 'preact/hooks';
import { api, type Session } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { count, duration, time } from '../../format';
import { paths } from '../../router';

/** The sessions of a project (spans sharing a session.id), newest first. */
export function SessionsTab(props: { project: string }) {
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.sessions(props.project, { limit: 100 }).then((p) => { setSessions(p.data); setCursor(p.next_cursor); }, setError);
  }, [props.project]);
  const more = () => api.sessions(props.project, { limit: 100, cursor }).then((p) => {
    setSessions((sessions ?? []).concat(p.data));
    setCursor(p.next_cursor);
  }, setError);
  if (error !== null) return <ErrorBox error={error} />;
  if (sessions === null) return <p class="muted">Loading…</p>;
  if (sessions.length === 0) return <p class="muted">No sessions: spans join a session when they carry a <code>session.id</code> attribute.</p>;
  return (
    <div>
      <table class="table">
        <thead><tr><th>Session</th><th>Started</th><th>Duration</th><th>Traces</th><th>Spans</th><th>Errors</th><th>Tokens</th></tr></thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td><Link href={paths.session(props.project, s.id)}>{s.session_id}</Link></td>
              <td>{time(s.start_time)}</td>
              <td>{duration(new Date(s.end_time).getTime() - new Date(s.start_time).getTime())}</td>
              <td class="num">{s.traces.length}</td>
              <td class="num">{s.span_count}</td>
              <td class={s.error_count > 0 ? 'num error-text' : 'num'}>{s.error_count}</td>
              <td class="num">{count(s.token_count_total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && <p class="table-footer"><button type="button" onClick={more}>Load more</button></p>}
    </div>
  );
}

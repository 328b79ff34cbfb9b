import { api, type Session } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { PAGE, usePagedList } from '../../components/common/usePagedList';
import { count, duration, money, moneyTitle, time } from '../../format';
import { paths } from '../../router';

/**
 * The sessions of a project (spans sharing a session.id), newest first. The filter (a trace expression) and the
 * time range keep the sessions with a trace in the range that the filter selects; live mode reloads them every few
 * seconds. A 400 from the server is an invalid filter, shown at the filter bar.
 */
export function SessionsTab(props: {
  project: string;
  filter: string;
  range: number | null;
  live: boolean;
  onFilterError: (message: string | null) => void;
}) {
  const { items: sessions, cursor, error, more } = usePagedList<Session>({
    fetch: (startTime, after, limit) => api.sessions(props.project,
      { filter: props.filter, start_time: startTime, cursor: after, limit }),
    range: props.range, live: props.live, onFilterError: props.onFilterError, deps: [props.project, props.filter],
  });

  if (error !== null) return <ErrorBox error={error} />;
  if (sessions === null) return <p class="muted">Loading…</p>;
  if (sessions.length === 0 && !props.filter && props.range === null) {
    return <p class="muted">No sessions: spans join a session when they carry a <code>session.id</code> attribute.</p>;
  }
  if (sessions.length === 0) return <p class="muted">No sessions have a trace that matches the filter and time range.</p>;
  return (
    <div>
      <table class="table sessions">
        <thead><tr><th>Session</th><th>Started</th><th>Duration</th><th>Traces</th><th>Spans</th><th>Errors</th><th>Tokens</th><th>Cost</th></tr></thead>
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
              <td class="num" title={moneyTitle(s.cost)}>{money(s.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="table-footer">
        {sessions.length.toLocaleString()} sessions shown
        {cursor && <button type="button" onClick={more}>Load {PAGE} more</button>}
      </p>
    </div>
  );
}

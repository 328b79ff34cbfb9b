import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, type Session } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { count, duration, money, moneyTitle, rangeStart, time } from '../../format';
import { paths } from '../../router';

const PAGE = 100;

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
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const start = useRef<string | null>(null);
  const shown = useRef(0);

  /** Loads the first page; a live refresh reloads as many sessions as are shown (up to 1000), keeping "more". */
  const load = (refresh = false) => {
    const mine = ++generation.current;
    if (!refresh) start.current = rangeStart(props.range);
    const limit = refresh ? Math.min(1000, Math.max(PAGE, shown.current)) : PAGE;
    api.sessions(props.project, { filter: props.filter, start_time: start.current, limit }).then((page) => {
      if (mine !== generation.current) return;
      shown.current = page.data.length;
      setSessions(page.data);
      setCursor(page.next_cursor);
      setError(null);
      props.onFilterError(null);
    }, (err) => {
      if (mine !== generation.current) return;
      if (err instanceof ApiError && err.status === 400) {
        props.onFilterError(err.message);
        setSessions([]);
      } else {
        setError(err);
      }
    });
  };

  useEffect(() => load(), [props.project, props.filter, props.range]);
  useEffect(() => {
    if (!props.live) return undefined;
    const timer = setInterval(() => load(true), 3000);
    return () => clearInterval(timer);
  }, [props.live, props.project, props.filter, props.range]);

  const more = () => {
    const mine = generation.current;
    api.sessions(props.project, { filter: props.filter, start_time: start.current, limit: PAGE, cursor }).then((page) => {
      if (mine !== generation.current) return; // the list was reloaded meanwhile
      setSessions((current) => {
        const all = (current ?? []).concat(page.data);
        shown.current = all.length;
        return all;
      });
      setCursor(page.next_cursor);
    }, setError);
  };

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

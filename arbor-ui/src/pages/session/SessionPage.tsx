import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Row, type SessionView } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { StatusBadge } from '../../components/common/StatusBadge';
import { count, duration, money, moneyTitle, time } from '../../format';
import { paths } from '../../router';

/** A session as the conversation it was: each trace's input and output in order, with totals. */
export function SessionPage(props: { project: string; sessionId: string }) {
  const [view, setView] = useState<SessionView | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** The turns loaded so far (a page at a time) and where the next page starts. */
  const [turns, setTurns] = useState<{ traces: Row[]; cursor: string | null }>({ traces: [], cursor: null });
  /** Bumped when another session opens; a page that arrives for an earlier one is dropped. */
  const generation = useRef(0);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    let current = true;
    generation.current++;
    setLoadingMore(false);
    setView(null);
    setError(null);
    api.session(props.sessionId).then((v) => {
      if (!current) return;
      setView(v.data);
      setTurns({ traces: v.data.traces, cursor: v.data.traces_next_cursor });
    }, (e) => current && setError(e));
    return () => { current = false; };
  }, [props.sessionId]);
  const more = () => {
    if (!view || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    api.traces(view.project, { session_identifier: view.session.session_id, sort: 'start_time', order: 'asc',
      cursor: turns.cursor, limit: 100 }).then((page) => {
      if (mine !== generation.current) return;
      setTurns((t) => ({ traces: t.traces.concat(page.data), cursor: page.next_cursor }));
      setLoadingMore(false);
    }, (e) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      setError(e);
    });
  };
  if (error !== null) return <section class="page"><ErrorBox error={error} /></section>;
  if (!view) return <section class="page"><p class="muted">Loading…</p></section>;
  const s = view.session;
  return (
    <section class="page">
      <header class="page-header">
        <p class="crumbs"><Link href={paths.projects()}>Projects</Link> / <Link href={paths.project(view.project, 'sessions')}>{view.project}</Link> /</p>
        <h1>Session {s.session_id}</h1>
        <p class="trace-facts">
          <span>{time(s.start_time)}</span>
          <span>{duration(new Date(s.end_time).getTime() - new Date(s.start_time).getTime())}</span>
          <span>{s.traces.length} traces</span><span>{s.span_count} spans</span>
          <span class={s.error_count ? 'error-text' : ''}>{s.error_count} {s.error_count === 1 ? 'error' : 'errors'}</span>
          <span>{count(s.token_count_total)} tokens</span>
          <span title={moneyTitle(s.cost)}>{money(s.cost)}</span>
        </p>
      </header>
      <ol class="session-turns">
        {turns.traces.map((t) => (
          <li key={t.trace_id} class="turn">
            <div class="turn-head">
              <Link href={paths.trace(view.project, t.trace_id)}>{t.name}</Link> <StatusBadge status={t.status_code} />
              <span class="muted"> {time(t.start_time)} · {duration(t.latency_ms)} · {count(t.tokens.total)} tokens · {money(t.cost)}</span>
            </div>
            {t.input && <div class="message role-user"><div class="message-role">input</div><pre class="message-content">{t.input}</pre></div>}
            {t.output && <div class="message role-assistant"><div class="message-role">output</div><pre class="message-content">{t.output}</pre></div>}
          </li>
        ))}
      </ol>
      {turns.cursor && (
        <p class="table-footer">
          {turns.traces.length} of {s.traces.length} turns shown <button type="button" onClick={more} disabled={loadingMore}>Load 100 more</button>
        </p>
      )}
    </section>
  );
}

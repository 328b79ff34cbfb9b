import { useEffect, useState } from 'preact/hooks';
import { api, type Stats } from '../../api';
import { StatsLine } from '../../components/project/StatsLine';
import { rangeStart } from '../../format';
import { FilterBar } from '../../components/common/FilterBar';
import { Link } from '../../components/common/Link';
import { navigate, paths } from '../../router';
import { DashboardTab } from './DashboardTab';
import { SessionsTab } from './SessionsTab';
import { RowsTab } from './RowsTab';

/**
 * One project: its traces, spans and sessions, filtered by the filter language and a time range. The filter and
 * range live in the address (?filter=…&range=minutes), so a filtered list can be linked, reloaded and gone back to.
 */
export function ProjectPage(props: { project: string; tab: string; query: URLSearchParams }) {
  const filter = props.query.get('filter') ?? '';
  const range = props.query.get('range') ? Number(props.query.get('range')) : null;
  const setQuery = (next: { filter?: string; range?: number | null }) => {
    const q = new URLSearchParams(props.query);
    const f = next.filter ?? filter;
    const r = next.range === undefined ? range : next.range;
    if (f) q.set('filter', f); else q.delete('filter');
    if (r !== null && Number.isFinite(r)) q.set('range', String(r)); else q.delete('range');
    const text = q.toString();
    navigate(`${paths.project(props.project, props.tab)}${text ? `?${text}` : ''}`);
  };
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [stats, setStats] = useState<Stats | null>(null);
  const [keys, setKeys] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    api.attributeKeys(props.project).then((k) => current && setKeys(k.data), () => current && setKeys([]));
    return () => { current = false; };
  }, [props.project]);
  useEffect(() => {
    let current = true;
    const load = () => api.stats(props.project, rangeStart(range))
      .then((s) => current && setStats(s.data), () => current && setStats(null));
    load();
    const timer = live ? setInterval(load, 3000) : undefined;
    return () => { current = false; clearInterval(timer); };
  }, [props.project, range, live]);
  const tabs = [['traces', 'Traces'], ['spans', 'Spans'], ['sessions', 'Sessions'], ['dashboard', 'Dashboard']];
  return (
    <section class="page">
      <header class="page-header">
        <p class="crumbs"><Link href={paths.projects()}>Projects</Link> /</p>
        <h1>{props.project}</h1>
        <StatsLine stats={stats} />
        <nav class="tabs" aria-label="Project views">
          {tabs.map(([tab, label]) => (
            <Link key={tab} href={`${paths.project(props.project, tab)}${props.query.size ? `?${props.query}` : ''}`} class={props.tab === tab ? 'tab active' : 'tab'}>{label}</Link>
          ))}
        </nav>
      </header>
      <FilterBar filter={filter} keys={keys} error={error} range={range} live={live}
        onFilter={(f) => { setQuery({ filter: f }); setError(null); }} onRange={(r) => setQuery({ range: r })}
        onLive={setLive} />
      {props.tab === 'dashboard' && (
        <DashboardTab project={props.project} filter={filter} range={range} onFilterError={setError} />
      )}
      {props.tab === 'dashboard' ? null : props.tab === 'sessions'
        ? <SessionsTab project={props.project} filter={filter} range={range} live={live} onFilterError={setError} />
        : <RowsTab key={props.tab} project={props.project} kind={props.tab === 'spans' ? 'spans' : 'traces'}
            filter={filter} range={range} live={live} onFilterError={setError} />}
    </section>
  );
}

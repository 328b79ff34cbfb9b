import { useEffect, useState } from 'preact/hooks';
import { api, type Project, type Stats } from '../../api';
import { EmptyState } from '../../components/common/EmptyState';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { percent } from '../../components/project/StatsLine';
import { RANGES, count, duration, money, moneyTitle, rangeStart, time } from '../../format';
import { paths } from '../../router';

/** Every project with its totals over a chosen time range; create, rename and delete. */
export function ProjectsPage() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [stats, setStats] = useState<Record<string, Stats>>({});
  const [range, setRange] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  /** The project being renamed and the name typed so far. */
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);

  const load = () => api.projects().then((p) => { setProjects(p.data); setError(null); }, setError);
  useEffect(() => { load(); }, []);
  useEffect(() => {
    if (!projects) return undefined;
    let current = true;
    const start = rangeStart(range);
    setStats({});
    // Each project's totals arrive on their own; one that fails leaves its row blank, not the page.
    for (const p of projects) {
      api.stats(p.name, start).then((s) => current && setStats((all) => ({ ...all, [p.name]: s.data })), () => undefined);
    }
    return () => { current = false; };
  }, [projects, range]);

  const create = async (e: Event) => {
    e.preventDefault();
    try {
      await api.createProject(name.trim(), description.trim());
      setName('');
      setDescription('');
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const rename = async (e: Event) => {
    e.preventDefault();
    if (!renaming) return;
    try {
      await api.renameProject(renaming.from, renaming.to.trim());
      setRenaming(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const remove = async (project: Project) => {
    if (!window.confirm(`Delete project "${project.name}" with all its traces, sessions and annotations? This cannot be undone.`)) {
      return;
    }
    try {
      await api.deleteProject(project.name);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const anyTraces = Object.values(stats).some((s) => s.trace_count > 0);
  return (
    <section class="page">
      <header class="page-header">
        <h1>Projects</h1>
        <select aria-label="Time range" value={String(range)} onChange={(e) => {
          const v = (e.target as HTMLSelectElement).value;
          setRange(v === 'null' ? null : Number(v));
        }}>
          {RANGES.map((r) => <option key={r.label} value={String(r.minutes)}>{r.label}</option>)}
        </select>
      </header>
      {error !== null && <ErrorBox error={error} />}
      {projects === null && error === null && <p class="muted">Loading…</p>}
      {projects !== null && (
        <table class="table projects">
          <thead>
            <tr><th>Name</th><th>Traces</th><th>With errors</th><th>Latency p50</th><th>p99</th><th>Tokens</th><th>Cost</th><th>Last activity</th><th /></tr>
          </thead>
          <tbody>
            {projects.map((p) => {
              const s = stats[p.name];
              return (
                <tr key={p.id}>
                  <td>
                    {renaming?.from === p.name ? (
                      <form class="rename" onSubmit={rename}>
                        <input required aria-label={`New name for ${p.name}`} value={renaming.to}
                          onInput={(e) => setRenaming({ from: p.name, to: (e.target as HTMLInputElement).value })} />
                        <button type="submit" disabled={!renaming.to.trim() || renaming.to.trim() === p.name}>Save</button>
                        <button type="button" onClick={() => setRenaming(null)}>Cancel</button>
                      </form>
                    ) : <Link href={paths.project(p.name)}>{p.name}</Link>}
                    {p.description && <div class="muted">{p.description}</div>}
                  </td>
                  <td class="num">{s ? count(s.trace_count) : '…'}</td>
                  <td class={s && s.error_trace_count ? 'num error-text' : 'num'}>{s ? percent(s.error_rate) : ''}</td>
                  <td class="num">{s?.latency_p50_ms != null ? duration(s.latency_p50_ms) : '–'}</td>
                  <td class="num">{s?.latency_p99_ms != null ? duration(s.latency_p99_ms) : '–'}</td>
                  <td class="num">{s ? count(s.tokens.total) : ''}</td>
                  <td class="num" title={moneyTitle(s?.cost)}>{s ? money(s.cost) : ''}</td>
                  <td class="nowrap">{s?.last_activity ? time(s.last_activity) : '–'}</td>
                  <td class="actions">
                    {p.name !== 'default' && (
                      <>
                        <button type="button" title="Spans still sent under the old name make a new project"
                          onClick={() => setRenaming({ from: p.name, to: p.name })}>Rename</button>
                        <button type="button" class="danger" onClick={() => remove(p)}>Delete</button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form class="create-project" onSubmit={create}>
        <h2>New project</h2>
        <input required placeholder="name" aria-label="New project name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <input placeholder="description" aria-label="New project description" value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />
        <button type="submit">Create</button>
      </form>
      {projects !== null && range === null && Object.keys(stats).length === projects.length && !anyTraces && <EmptyState />}
    </section>
  );
}

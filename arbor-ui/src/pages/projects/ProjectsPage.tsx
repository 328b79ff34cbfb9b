import { useEffect, useState } from 'preact/hooks';
import { api, type Project } from '../../api';
import { EmptyState } from '../../components/common/EmptyState';
import { ErrorBox } from '../../components/common/ErrorBox';
import { Link } from '../../components/common/Link';
import { paths } from '../../router';

/** Every project, with create and delete. */
export function ProjectsPage() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const load = () => api.projects().then((p) => { setProjects(p.data); setError(null); }, setError);
  useEffect(() => { load(); }, []);

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

  return (
    <section class="page">
      <header class="page-header"><h1>Projects</h1></header>
      {error !== null && <ErrorBox error={error} />}
      {projects === null && error === null && <p class="muted">Loading…</p>}
      {projects !== null && (
        <table class="table projects">
          <thead><tr><th>Name</th><th>Description</th><th /></tr></thead>
          <tbody>
            {projects.map((p) => (
              <tr key={p.id}>
                <td><Link href={paths.project(p.name)}>{p.name}</Link></td>
                <td class="muted">{p.description ?? ''}</td>
                <td class="actions">
                  {p.name !== 'default' && <button type="button" class="danger" onClick={() => remove(p)}>Delete</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="create-project" onSubmit={create}>
        <h2>New project</h2>
        <input required placeholder="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <input placeholder="description" value={description} onInput={(e) => setDescription((e.target as HTMLInputElement).value)} />
        <button type="submit">Create</button>
      </form>
      {projects !== null && projects.length <= 1 && <EmptyState />}
    </section>
  );
}

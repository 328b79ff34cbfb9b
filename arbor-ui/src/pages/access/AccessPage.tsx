import { useEffect, useState } from 'preact/hooks';
import { api, type ApiKeyInfo, type NewApiKey, type Projects, type Role, type User } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { useAction } from '../../components/common/useAction';

const ROLES: Role[] = ['viewer', 'member', 'admin'];

/** "support:write, billing:read" as grants; empty for every project. */
function parseProjects(text: string): Projects {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p);
  if (parts.length === 0) return null;
  const projects: Record<string, 'read' | 'write'> = {};
  for (const part of parts) {
    const [name, access] = part.split(':').map((p) => p.trim());
    projects[name] = access === 'write' ? 'write' : 'read';
  }
  return projects;
}

function showProjects(projects: Projects) {
  return projects === null ? <span class="muted">all</span>
    : Object.entries(projects).map(([name, access]) => `${name} (${access})`).join(', ');
}

/**
 * Settings → Access: one's own API keys (a new key's secret is shown once), and for admins the users and every key,
 * system keys included.
 */
export function AccessPage(props: { user: User | null }) {
  const admin = props.user === null || props.user.role === 'admin';
  const [users, setUsers] = useState<User[] | null>(null);
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [keyName, setKeyName] = useState('');
  const [keyRole, setKeyRole] = useState<Role | ''>('');
  const [keyProjects, setKeyProjects] = useState('');
  const [newUser, setNewUser] = useState({ username: '', password: '', role: 'member' as Role, projects: '' });

  const load = async () => {
    setKeys((await (admin ? api.allKeys() : api.myKeys())).data);
    if (admin) setUsers((await api.users()).data);
  };
  useEffect(() => { load().catch(setError); }, [admin]);
  const act = useAction(load, setError);

  const createKey = async (e: Event) => {
    e.preventDefault();
    const input = { name: keyName.trim(), role: keyRole || null, projects: parseProjects(keyProjects) };
    const own = props.user !== null;
    if (!own && !input.role) input.role = 'member';
    await act(async () => {
      const answer = own ? await api.createMyKey(input) : await api.createSystemKey(input);
      setCreated(answer.data);
      setKeyName('');
    });
  };
  const revoke = (k: ApiKeyInfo) => window.confirm(`Revoke the key "${k.name}"? Clients using it are refused from now on.`)
    && act(() => (admin ? api.revokeKey(k.id) : api.revokeMyKey(k.id)));
  const addUser = async (e: Event) => {
    e.preventDefault();
    const ok = await act(() => api.createUser({ username: newUser.username.trim(), password: newUser.password,
      role: newUser.role, projects: parseProjects(newUser.projects) }));
    if (ok) setNewUser({ username: '', password: '', role: 'member', projects: '' });
  };

  return (
    <section class="page">
      <header class="page-header">
        <h1>Access</h1>
        <p class="muted">Send an API key as <code>Authorization: Bearer &lt;secret&gt;</code> (REST, OTLP/HTTP, gRPC), or as
          Langfuse's pair: public key and secret. Only a hash of each secret is kept.</p>
      </header>
      {error !== null && <ErrorBox error={error} />}
      {created && (
        <div class="panel" role="alert" aria-label="New key">
          <p><strong>{created.key.name}</strong>: copy the secret now, it is not shown again.</p>
          <p>Secret <code class="mono" aria-label="Secret">{created.secret}</code></p>
          <p>Public key <code class="mono">{created.key.public_key}</code></p>
          <button type="button" onClick={() => setCreated(null)}>Done</button>
        </div>
      )}
      <details class="panel">
        <summary>{props.user ? 'New API key' : 'New system key'}</summary>
        <form class="form" onSubmit={createKey}>
          <label>Name <input aria-label="Key name" value={keyName} placeholder="ci ingest"
            onInput={(e) => setKeyName((e.target as HTMLInputElement).value)} /></label>
          <label>Role <select aria-label="Key role" value={keyRole} onChange={(e) => setKeyRole((e.target as HTMLSelectElement).value as Role | '')}>
            <option value="">{props.user ? `mine (${props.user.role})` : 'member'}</option>
            {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select></label>
          <label>Projects <input aria-label="Key projects" value={keyProjects} placeholder="all, or support:write, billing:read"
            onInput={(e) => setKeyProjects((e.target as HTMLInputElement).value)} /></label>
          <button type="submit">Create key</button>
        </form>
      </details>
      {keys !== null && (
        <table class="table" aria-label="API keys">
          <thead><tr><th>Name</th><th>Public key</th><th>User</th><th>Role</th><th>Projects</th><th>Expires</th><th>State</th><th /></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td><strong>{k.name}</strong></td>
                <td class="mono">{k.public_key}</td>
                <td>{k.user ?? <span class="muted">system</span>}</td>
                <td>{k.role}</td>
                <td>{showProjects(k.projects)}</td>
                <td>{k.expires_at ?? <span class="muted">never</span>}</td>
                <td><span class="badge">{k.state}</span></td>
                <td class="actions">{k.state !== 'revoked' && <button type="button" class="danger" onClick={() => revoke(k)}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {admin && users !== null && (
        <section class="panel">
          <h2>Users</h2>
          <form class="form" onSubmit={addUser}>
            <label>User name <input aria-label="New user name" value={newUser.username}
              onInput={(e) => setNewUser({ ...newUser, username: (e.target as HTMLInputElement).value })} /></label>
            <label>Password <input aria-label="New user password" type="password" autocomplete="new-password" value={newUser.password}
              onInput={(e) => setNewUser({ ...newUser, password: (e.target as HTMLInputElement).value })} /></label>
            <label>Role <select aria-label="New user role" value={newUser.role}
              onChange={(e) => setNewUser({ ...newUser, role: (e.target as HTMLSelectElement).value as Role })}>
              {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select></label>
            <label>Projects <input aria-label="New user projects" value={newUser.projects} placeholder="all, or support:write"
              onInput={(e) => setNewUser({ ...newUser, projects: (e.target as HTMLInputElement).value })} /></label>
            <button type="submit">Add user</button>
          </form>
          <table class="table" aria-label="Users">
            <thead><tr><th>User</th><th>Role</th><th>Projects</th><th>Since</th><th>State</th><th /></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td><strong>{u.username}</strong></td>
                  <td><select aria-label={`Role of ${u.username}`} value={u.role}
                    onChange={(e) => act(() => api.updateUser(u.id, { role: (e.target as HTMLSelectElement).value as Role }))}>
                    {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select></td>
                  <td>{showProjects(u.projects)}</td>
                  <td>{u.created_at.slice(0, 10)}</td>
                  <td>{u.disabled ? <span class="badge">disabled</span> : 'active'}</td>
                  <td class="actions">
                    <button type="button" onClick={() => act(() => api.updateUser(u.id, { disabled: !u.disabled }))}>
                      {u.disabled ? 'Enable' : 'Disable'}</button>
                    <button type="button" class="danger" onClick={() => window.confirm(`Delete ${u.username} and their keys?`)
                      && act(() => api.deleteUser(u.id))}>Delete</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

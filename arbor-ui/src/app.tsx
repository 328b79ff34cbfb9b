import { Link } from './components/common/Link';
import { ProjectPage } from './pages/project/ProjectPage';
import { ProjectsPage } from './pages/projects/ProjectsPage';
import { SessionPage } from './pages/session/SessionPage';
import { ModelsPage } from './pages/settings/ModelsPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { RedactionPage } from './pages/settings/RedactionPage';
import { AuditPage } from './pages/audit/AuditPage';
import { TracePage } from './pages/trace/TracePage';
import { AccessPage } from './pages/access/AccessPage';
import { RetentionPage } from './pages/settings/RetentionPage';
import { SignInPage } from './pages/access/SignInPage';
import { api, type AuthStatus } from './api';
import { useEffect, useState } from 'preact/hooks';
import { navigate, paths, segments, useLocation } from './router';

/**
 * The app shell and its routes. With access control on, a visitor who is not signed in sees the sign-in page (or,
 * from the one-time set-up link, the page that makes the first admin) and nothing else.
 */
export function App() {
  const url = useLocation();
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [authError, setAuthError] = useState<string | null>(null);
  const loadAuth = () => api.authStatus().then((s) => { setAuth(s); setAuthError(null); },
    (e) => setAuthError(String(e.message ?? e)));
  useEffect(() => {
    loadAuth();
    window.addEventListener('arbor:unauthenticated', loadAuth);
    return () => window.removeEventListener('arbor:unauthenticated', loadAuth);
  }, []);
  if (authError !== null) return <main><p class="error-text">Arbor cannot be reached: {authError}</p></main>;
  if (auth === null) return null;
  const signedOut = auth.auth_enabled && auth.user === null;
  const setupToken = url.pathname === '/setup' ? url.searchParams.get('token') : null;
  const admin = !auth.auth_enabled || auth.user?.role === 'admin';
  const signOut = async () => {
    await api.logout();
    await loadAuth();
  };
  return (
    <>
      <header class="top-bar">
        <Link href={paths.projects()} class="brand">Arbor</Link>
        {!signedOut && <>
          <Link href={paths.alerts()} class="muted">Alerts</Link>
          <Link href={paths.models()} class="muted">Models</Link>
          <Link href={paths.redaction()} class="muted">Redaction</Link>
          {admin && <Link href={paths.audit()} class="muted">Audit</Link>}
          <Link href={paths.retention()} class="muted">Retention</Link>
          <Link href={paths.access()} class="muted">Access</Link>
          <a href="/docs" class="muted">API</a>
        </>}
        {auth.user && <span class="top-bar-user">
          <span aria-label="Signed in as">{auth.user.username} <span class="badge">{auth.user.role}</span></span>
          <button type="button" onClick={signOut}>Sign out</button>
        </span>}
      </header>
      <main>{signedOut ? <SignInPage setupToken={auth.setup_required ? setupToken : null} onSignedIn={loadAuth} />
        : route(url, auth)}</main>
    </>
  );
}

function route(url: URL, auth: AuthStatus) {
  const [first, project, view, id] = segments(url);
  if (first === 'settings' && project === 'access') return <AccessPage user={auth.user} />;
  if (first === 'settings' && project === 'retention') return <RetentionPage />;
  if (first === 'settings' && project === 'models') return <ModelsPage query={url.searchParams} />;
  if (first === 'settings' && project === 'redaction') return <RedactionPage />;
  if (first === 'alerts') return <AlertsPage />;
  if (first === 'audit') return <AuditPage />;
  if (first !== 'projects') return <Redirect to={paths.projects()} />;
  if (!project) return <ProjectsPage />;
  if (view === 'traces' && id) {
    return <TracePage project={project} traceId={id} spanId={url.searchParams.get('span')}
      listFilter={url.searchParams.get('filter')} listRange={url.searchParams.get('range')} />;
  }
  if (view === 'sessions' && id) return <SessionPage project={project} sessionId={id} />;
  return <ProjectPage project={project} tab={view === 'spans' || view === 'sessions' || view === 'dashboard' ? view : 'traces'} query={url.searchParams} />;
}

function Redirect(props: { to: string }) {
  useEffect(() => navigate(props.to, true), [props.to]);
  return null;
}

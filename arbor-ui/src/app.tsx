import { Link } from './components/common/Link';
import { ProjectPage } from './pages/project/ProjectPage';
import { ProjectsPage } from './pages/projects/ProjectsPage';
import { SessionPage } from './pages/session/SessionPage';
import { ModelsPage } from './pages/settings/ModelsPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { RedactionPage } from './pages/settings/RedactionPage';
import { AuditPage } from './pages/audit/AuditPage';
import { TracePage } from './pages/trace/TracePage';
import { useEffect } from 'preact/hooks';
import { navigate, paths, segments, useLocation } from './router';

/** The app shell and its routes. */
export function App() {
  const url = useLocation();
  return (
    <>
      <header class="top-bar">
        <Link href={paths.projects()} class="brand">Arbor</Link>
        <Link href={paths.alerts()} class="muted">Alerts</Link>
        <Link href={paths.models()} class="muted">Models</Link>
        <Link href={paths.redaction()} class="muted">Redaction</Link>
        <Link href={paths.audit()} class="muted">Audit</Link>
        <a href="/docs" class="muted">API</a>
      </header>
      <main>{route(url)}</main>
    </>
  );
}

function route(url: URL) {
  const [first, project, view, id] = segments(url);
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

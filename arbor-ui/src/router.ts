import { useEffect, useState } from 'preact/hooks';

/** The current path and query, updated on navigation and on the browser's back and forward. */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(window.location.href));
    window.addEventListener('popstate', update);
    window.addEventListener('arbor:navigate', update);
    // A child may have navigated in its own effect, which runs before this one: catch up.
    if (window.location.href !== url.href) update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('arbor:navigate', update);
    };
  }, []);
  return url;
}

/** Goes to {@code href} inside the app without reloading the page. */
export function navigate(href: string, replace = false) {
  if (replace) {
    window.history.replaceState(null, '', href);
  } else {
    window.history.pushState(null, '', href);
  }
  window.dispatchEvent(new Event('arbor:navigate'));
}

/** The decoded path segments, e.g. ['projects', 'tickets', 'traces', 'abc']. */
export function segments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part; // a stray '%' in a hand-typed address
    }
  });
}

export const paths = {
  projects: () => '/projects',
  project: (name: string, tab = 'traces') => `/projects/${encodeURIComponent(name)}${tab === 'traces' ? '' : `/${tab}`}`,
  /** A trace; {@code list} (the trace list's filter and range) makes newer/older step through that list. */
  trace: (project: string, traceId: string, spanId?: string, list?: { filter?: string | null; range?: string | null }) => {
    const q = new URLSearchParams();
    if (spanId) q.set('span', spanId);
    if (list?.filter) q.set('filter', list.filter);
    if (list?.range) q.set('range', list.range);
    const text = q.toString();
    return `/projects/${encodeURIComponent(project)}/traces/${traceId}${text ? `?${text}` : ''}`;
  },
  alerts: () => '/alerts',
  redaction: () => '/settings/redaction',
  audit: () => '/audit',
  access: () => '/settings/access',
  retention: () => '/settings/retention',
  models: (model?: string | null, provider?: string | null) => {
    const q = new URLSearchParams();
    if (model) q.set('model', model);
    if (provider) q.set('provider', provider);
    const text = q.toString();
    return `/settings/models${text ? `?${text}` : ''}`;
  },
  session: (project: string, sessionId: string) =>
    `/projects/${encodeURIComponent(project)}/sessions/${encodeURIComponent(sessionId)}`,
};

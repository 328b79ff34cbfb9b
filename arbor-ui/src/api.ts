// Every call the UI makes to the server, and the shapes it gets back (snake_case, as the server sends them).

export interface Project {
  id: string;
  name: string;
  description: string | null;
}

export interface Tokens {
  prompt: number | null;
  completion: number | null;
  total: number | null;
  cache_read: number | null;
  cache_write: number | null;
  reasoning: number | null;
  prompt_audio: number | null;
  completion_audio: number | null;
}

/**
 * What a call or a group of calls cost in US dollars: total sums the priced spans (null when none is priced);
 * unpriced_spans counts spans that reported tokens but have no price. The parts are set for one span only.
 */
export interface Cost {
  total: number | null;
  unpriced_spans: number;
  input: number | null;
  output: number | null;
  cache_read: number | null;
  cache_write: number | null;
  reasoning: number | null;
  audio: number | null;
}

/** A model price (US dollars per million tokens) and where it came from. */
export interface Price {
  id: number | null;
  project: string | null;
  provider: string | null;
  name: string;
  pattern: string;
  input: number;
  output: number;
  cache_read: number | null;
  cache_write: number | null;
  reasoning: number | null;
  audio_input: number | null;
  audio_output: number | null;
  prices_as_of: string | null;
  source: 'bundled' | 'file' | 'custom';
}

export type PriceInput = Omit<Price, 'id' | 'source' | 'pattern'> & { pattern: string | null };

export interface RecomputeStatus {
  state: 'idle' | 'running' | 'failed';
  groups_done: number;
  groups_total: number;
  spans_updated: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** A row of the trace or span table. */
export interface Row {
  trace_id: string;
  span_id: string;
  name: string;
  span_kind: string;
  status_code: string;
  status_message: string;
  input: string | null;
  output: string | null;
  model: string | null;
  start_time: string;
  latency_ms: number;
  span_count: number | null;
  error_count: number | null;
  tokens: Tokens;
  cost: Cost;
}

export interface ToolCall {
  id: string | null;
  name: string | null;
  arguments: string | null;
}

export interface Message {
  role: string | null;
  content: string | null;
  name: string | null;
  tool_call_id: string | null;
  tool_calls: ToolCall[];
}

export interface Document {
  id: string | null;
  content: string | null;
  score: number | null;
  metadata: string | null;
}

export interface SpanEvent {
  name: string;
  time: string;
  attributes: Record<string, unknown>;
}

export interface Span {
  span_id: string;
  trace_id: string;
  parent_id: string | null;
  name: string;
  span_kind: string;
  otel_kind: string;
  status_code: string;
  status_message: string;
  start_time: string;
  /** Nanoseconds since the epoch, as text: beyond what a JavaScript number holds exactly. */
  start_nanos: string;
  end_nanos: string;
  /** Nanoseconds since the trace's first span started: what the timeline places spans by. */
  start_offset_nanos: number;
  end_offset_nanos: number;
  latency_ms: number;
  model: string | null;
  provider: string | null;
  tokens: Tokens;
  cost: Cost;
  input: string | null;
  input_mime_type: string | null;
  output: string | null;
  output_mime_type: string | null;
  input_messages: Message[];
  output_messages: Message[];
  documents: Document[];
  invocation_parameters: string | null;
  session_id: string | null;
  user_id: string | null;
  metadata: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  events: SpanEvent[];
  links: { trace_id: string; span_id: string; attributes: Record<string, unknown> }[];
  resource: Record<string, unknown>;
  scope: string | null;
}

export interface TraceView {
  trace_id: string;
  project: string;
  spans: Span[];
  newer_trace_id: string | null;
  older_trace_id: string | null;
}

export interface Session {
  id: string;
  session_id: string;
  start_time: string;
  end_time: string;
  token_count_total: number | null;
  span_count: number;
  error_count: number;
  cost: Cost;
  traces: { trace_id: string }[];
}

export interface SessionView {
  session: Session;
  project: string;
  /** The first page of the session's traces in start order; traces_next_cursor continues it. */
  traces: Row[];
  traces_next_cursor: string | null;
}

export interface Stats {
  trace_count: number;
  error_trace_count: number;
  error_rate: number | null;
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
  tokens: Tokens;
  cost: Cost;
  last_activity: string | null;
}

export interface Annotation {
  id: string;
  name: string;
  annotator_kind: string;
  result: { label: string | null; score: number | null; explanation: string | null };
  updated_at: string;
}

export interface MetricsRow {
  bucket_start: string;
  group: string | null;
  spans: number;
  errors: number;
  error_rate: number;
  tokens: Tokens;
  cost: Cost;
  latency_ms: { p50: number; p95: number; p99: number; max: number };
}

export interface Metrics {
  start_time: string;
  end_time: string;
  bucket_seconds: number;
  group_by: string;
  totals: MetricsRow | null;
  rows: MetricsRow[];
}

/** Nearest-rank p50 and p95, and the maximum. */
export interface Summary {
  p50: number;
  p95: number;
  max: number;
}

/** The chains dashboard: the shape of the newest traces of a range, and the failed chains in it. */
export interface Chains {
  start_time: string;
  end_time: string;
  sample_limit: number;
  traces: number;
  depth: Summary;
  duration_ms: Summary;
  spans: Summary;
  mean_concurrency: number;
  peak_concurrency: number;
  parallel_traces: number;
  critical_path: { name: string; traces: number; share: number; mean_ms: number }[];
  failed_chains: {
    trace_id: string;
    name: string;
    start_time: string;
    root_status: string;
    error_count: number;
    failed_spans: { span_id: string; name: string; status_message: string }[];
  }[];
}

export interface CostProjection {
  month_start: string;
  month_end: string;
  month_to_date: number | null;
  last_day: number | null;
  projected_month: number | null;
  unpriced_spans: number;
}

export interface Alert {
  id: number;
  name: string;
  project: string;
  filter: string | null;
  metric: 'error_rate' | 'latency_p95_ms' | 'cost_usd' | 'tokens' | 'span_count';
  window_seconds: number;
  comparison: 'above' | 'below';
  threshold: number;
  /** Only the host: the URL is a secret. */
  webhook_host: string | null;
  webhook_format: 'json' | 'slack';
  enabled: boolean;
  state: 'ok' | 'firing';
  last_value: number | null;
  last_evaluated_at: string | null;
}

export type AlertInput = Omit<Alert, 'id' | 'state' | 'last_value' | 'last_evaluated_at' | 'webhook_host'> & { webhook_url: string | null };

export interface AlertEvent {
  id: number;
  state: 'firing' | 'resolved';
  value: number | null;
  threshold: number;
  at: string;
  delivery: string;
}

export interface RedactionRule {
  /** Null for rules from the file given at start. */
  id: number | null;
  name: string;
  pattern: string | null;
  project: string | null;
  attributes: string[];
  effective_attributes: string[];
  source: 'file' | 'api';
}

export type RedactionRuleInput = Pick<RedactionRule, 'name' | 'pattern' | 'project' | 'attributes'>;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  origin: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  /** JSON: the answer's status, the query, the request body with secret-looking fields masked. */
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  /** Stored spans checked against the digests their ingest entries sealed. */
  spans: number;
  head_hash: string;
  first_bad_seq: number | null;
  problem: string | null;
}

export type Role = 'admin' | 'member' | 'viewer';

/** Project name to 'read' or 'write'; null for every project. */
export type Projects = Record<string, 'read' | 'write'> | null;

export interface User {
  id: number;
  username: string;
  role: Role;
  projects: Projects;
  created_at: string;
  disabled: boolean;
}

export interface AuthStatus {
  auth_enabled: boolean;
  setup_required: boolean;
  user: User | null;
}

export interface ApiKeyInfo {
  id: number;
  name: string;
  public_key: string;
  /** Null for a system key. */
  user: string | null;
  role: Role;
  projects: Projects;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  state: 'active' | 'expired' | 'revoked';
}

export interface NewApiKey {
  key: ApiKeyInfo;
  /** Shown this once. */
  secret: string;
}

export interface KeyInput {
  name: string;
  role?: Role | null;
  projects?: Projects;
  expires_at?: string | null;
}

export interface RetentionPolicy {
  project: string;
  max_age_days: number | null;
  max_spans: number | null;
}

export interface StorageUsage {
  database_bytes: number;
  projects: { project: string; spans: number; span_bytes: number; share: number }[];
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** A failed request: the HTTP status and the server's plain-text message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      // Signed out (the session ended, or the server restarted with access control on): show the sign-in page.
      window.dispatchEvent(new Event('arbor:unauthenticated'));
    }
    throw new ApiError(response.status, (await response.text()).trim() || response.statusText);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

/** What the trace, span and session lists can be narrowed by. */
export interface ListParams {
  filter?: string;
  start_time?: string | null;
  cursor?: string | null;
  limit?: number;
  sort?: string;
  order?: string;
  session_identifier?: string;
}

/** Every page of a list, one request after another (for lists a page cannot bound, such as the projects). */
async function allPages<T>(page: (cursor: string | null) => Promise<Page<T>>): Promise<Page<T>> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const next: Page<T> = await page(cursor);
    all.push(...next.data);
    cursor = next.next_cursor;
  } while (cursor);
  return { data: all, next_cursor: null };
}

export const api = {
  projects: () => allPages((cursor) => request<Page<Project>>('GET', `/v1/projects${query({ limit: 1000, cursor })}`)),
  createProject: (name: string, description: string) =>
    request<{ data: Project }>('POST', '/v1/projects', { name, description: description || null }),
  deleteProject: (name: string) => request<void>('DELETE', `/v1/projects/${enc(name)}`),
  renameProject: (name: string, newName: string) =>
    request<{ data: Project }>('PUT', `/api/projects/${enc(name)}/name`, { name: newName }),
  stats: (project: string, startTime: string | null) =>
    request<{ data: Stats }>('GET', `/api/projects/${enc(project)}/stats${query({ start_time: startTime })}`),
  traces: (project: string, p: ListParams) =>
    request<Page<Row>>('GET', `/api/projects/${enc(project)}/traces${query({ ...p })}`),
  spans: (project: string, p: ListParams) =>
    request<Page<Row>>('GET', `/api/projects/${enc(project)}/spans${query({ ...p })}`),
  /** Newest first; with a range and a trace filter, the sessions with a trace in the range that it selects. */
  sessions: (project: string, p: ListParams) =>
    request<Page<Session>>('GET', `/api/projects/${enc(project)}/sessions${query({ filter: p.filter, start_time: p.start_time, cursor: p.cursor, limit: p.limit })}`),
  attributeKeys: (project: string) => request<{ data: string[] }>('GET', `/api/projects/${enc(project)}/attribute-keys`),
  /** The annotations on these spans or traces (at most 100 ids per call). */
  annotationsOf: (project: string, target: 'span' | 'trace', ids: string[]) => {
    const q = new URLSearchParams();
    ids.forEach((id) => q.append(`${target}_ids`, id));
    q.set('limit', '1000');
    return request<Page<Annotation & { span_id?: string; trace_id?: string }>>('GET',
      `/v1/projects/${enc(project)}/${target}_annotations?${q}`);
  },
  spanAnnotations: (project: string, spanId: string) =>
    request<Page<Annotation>>('GET', `/v1/projects/${enc(project)}/span_annotations${query({ span_ids: spanId, limit: 100 })}`),
  trace: (traceId: string, list?: { filter?: string | null; start_time?: string | null }) =>
    request<{ data: TraceView }>('GET', `/api/traces/${enc(traceId)}${query({ filter: list?.filter, start_time: list?.start_time })}`),
  session: (sessionId: string) => request<{ data: SessionView }>('GET', `/api/sessions/${enc(sessionId)}`),
  metrics: (project: string, p: { start_time: string; end_time?: string; group_by?: string; group_key?: string; filter?: string; bucket?: string }) =>
    request<{ data: Metrics }>('GET', `/api/projects/${enc(project)}/metrics${query({ ...p })}`),
  chains: (project: string, p: { start_time: string; filter?: string }) =>
    request<{ data: Chains }>('GET', `/api/projects/${enc(project)}/chains${query({ ...p })}`),
  costProjection: (project: string) => request<{ data: CostProjection }>('GET', `/api/projects/${enc(project)}/cost-projection`),
  alerts: () => request<{ data: Alert[] }>('GET', '/api/alerts'),
  createAlert: (a: AlertInput) => request<{ data: Alert }>('POST', '/api/alerts', a),
  deleteAlert: (id: number) => request<void>('DELETE', `/api/alerts/${id}`),
  alertEvents: (id: number) => request<{ data: AlertEvent[] }>('GET', `/api/alerts/${id}/events`),
  evaluateAlerts: () => request<{ data: Alert[] }>('POST', '/api/alerts/evaluate'),
  prices: () => request<{ data: Price[] }>('GET', '/api/prices'),
  createPrice: (p: PriceInput) => request<{ data: Price }>('POST', '/api/prices', p),
  updatePrice: (id: number, p: PriceInput) => request<{ data: Price }>('PUT', `/api/prices/${id}`, p),
  deletePrice: (id: number) => request<void>('DELETE', `/api/prices/${id}`),
  recomputeStatus: () => request<{ data: RecomputeStatus }>('GET', '/api/prices/recompute'),
  redactionRules: () => request<{ data: RedactionRule[] }>('GET', '/api/redaction/rules'),
  createRedactionRule: (r: RedactionRuleInput) => request<{ data: RedactionRule }>('POST', '/api/redaction/rules', r),
  deleteRedactionRule: (id: number) => request<void>('DELETE', `/api/redaction/rules/${id}`),
  redactionPreview: (text: string, project: string | null) =>
    request<{ data: { text: string; redactions: number } }>('POST', '/api/redaction/preview', { text, project }),
  audit: (after: number) => request<Page<AuditEntry>>('GET', `/api/audit${query({ after, limit: 100 })}`),
  verifyAudit: () => request<{ data: AuditVerification }>('POST', '/api/audit/verify'),
  retention: () => request<{ data: RetentionPolicy[] }>('GET', '/api/retention'),
  setRetention: (project: string, max_age_days: number | null, max_spans: number | null) =>
    request<{ data: RetentionPolicy }>('PUT', `/api/projects/${enc(project)}/retention`, { max_age_days, max_spans }),
  clearRetention: (project: string) => request<void>('DELETE', `/api/projects/${enc(project)}/retention`),
  applyRetention: (project: string) => request<{ data: { project: string; before: string | null; deleted_spans: number } }>(
    'POST', `/api/projects/${enc(project)}/retention/apply`),
  storage: () => request<{ data: StorageUsage }>('GET', '/api/storage'),
  authStatus: () => request<AuthStatus>('GET', '/api/auth/status'),
  login: (username: string, password: string) => request<{ data: User }>('POST', '/api/auth/login', { username, password }),
  setup: (token: string, username: string, password: string) =>
    request<{ data: User }>('POST', '/api/auth/setup', { token, username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  changePassword: (current_password: string, new_password: string) =>
    request<{ data: User }>('POST', '/api/auth/password', { current_password, new_password }),
  myKeys: () => request<{ data: ApiKeyInfo[] }>('GET', '/api/auth/keys'),
  createMyKey: (input: KeyInput) => request<{ data: NewApiKey }>('POST', '/api/auth/keys', input),
  revokeMyKey: (id: number) => request<{ data: ApiKeyInfo }>('DELETE', `/api/auth/keys/${id}`),
  users: () => request<{ data: User[] }>('GET', '/api/users'),
  createUser: (input: { username: string; password: string; role: Role; projects: Projects }) =>
    request<{ data: User }>('POST', '/api/users', input),
  updateUser: (id: number, change: { role?: Role; password?: string; disabled?: boolean }) =>
    request<{ data: User }>('PUT', `/api/users/${id}`, change),
  deleteUser: (id: number) => request<void>('DELETE', `/api/users/${id}`),
  allKeys: () => request<{ data: ApiKeyInfo[] }>('GET', '/api/keys'),
  createSystemKey: (input: KeyInput) => request<{ data: NewApiKey }>('POST', '/api/keys', input),
  revokeKey: (id: number) => request<{ data: ApiKeyInfo }>('DELETE', `/api/keys/${id}`),
};

import type { Span } from '../../api';
import { count, dollars, duration, time } from '../../format';
import { paths } from '../../router';
import { Link } from '../common/Link';
import { CopyButton } from '../common/CopyButton';
import { JsonTree } from '../common/JsonTree';
import { KindBadge } from '../common/KindBadge';
import { StatusBadge } from '../common/StatusBadge';
import { Annotations } from './Annotations';
import { Conversation, pretty } from './Conversation';

/** Everything about one span: the LLM call first (messages, model, tokens), then all it carried as received. */
export function SpanDetails(props: { project: string; span: Span }) {
  const s = props.span;
  const t = s.tokens;
  const exceptions = s.events.filter((e) => e.name === 'exception');
  return (
    <article class="span-details" aria-label={`Span ${s.name}`}>
      <header>
        <h2>{s.name}</h2>
        <div class="badges"><KindBadge kind={s.span_kind} /> <StatusBadge status={s.status_code} /></div>
        <dl class="facts">
          <dt>Span id</dt><dd><code>{s.span_id}</code> <CopyButton text={s.span_id} /></dd>
          <dt>Trace id</dt><dd><code>{s.trace_id}</code> <CopyButton text={s.trace_id} /></dd>
          <dt>Started</dt><dd>{time(s.start_time)}</dd>
          <dt>Latency</dt><dd>{duration(s.latency_ms)}</dd>
          {s.model && <><dt>Model</dt><dd>{s.model}{s.provider ? ` (${s.provider})` : ''}</dd></>}
          {s.session_id && <><dt>Session</dt><dd>{s.session_id}</dd></>}
          {s.user_id && <><dt>User</dt><dd>{s.user_id}</dd></>}
        </dl>
      </header>
      {s.status_code === 'ERROR' && s.status_message && <p class="error-box" role="alert">{s.status_message}</p>}
      {exceptions.map((e, i) => (
        <section key={i} class="exception">
          <h3>Exception: {String(e.attributes['exception.type'] ?? '')}</h3>
          <p>{String(e.attributes['exception.message'] ?? '')}</p>
          {e.attributes['exception.stacktrace'] !== undefined && <pre class="stacktrace">{String(e.attributes['exception.stacktrace'])}</pre>}
        </section>
      ))}
      <Annotations project={props.project} spanId={s.span_id} />
      {(t.total !== null || t.prompt !== null || t.completion !== null) && (
        <section class="tokens">
          <h3>Tokens</h3>
          <table class="table compact">
            <tbody>
              <tr><th>Prompt</th><td class="num">{count(t.prompt)}</td><th>Completion</th><td class="num">{count(t.completion)}</td><th>Total</th><td class="num">{count(t.total)}</td></tr>
              {(t.cache_read !== null || t.cache_write !== null || t.reasoning !== null) && (
                <tr><th>Cache read</th><td class="num">{count(t.cache_read)}</td><th>Cache write</th><td class="num">{count(t.cache_write)}</td><th>Reasoning</th><td class="num">{count(t.reasoning)}</td></tr>
              )}
              {(t.prompt_audio !== null || t.completion_audio !== null) && (
                <tr><th>Prompt audio</th><td class="num">{count(t.prompt_audio)}</td><th>Completion audio</th><td class="num">{count(t.completion_audio)}</td><td colSpan={2} /></tr>
              )}
            </tbody>
          </table>
          <SpanCost span={s} />
        </section>
      )}
      <Conversation title="Input messages" messages={s.input_messages} />
      <Conversation title="Output messages" messages={s.output_messages} />
      {s.input_messages.length === 0 && s.input && (
        <section><h3>{s.span_kind === 'TOOL' ? 'Tool parameters' : 'Input'}</h3><pre class="value">{pretty(s.input)}</pre></section>
      )}
      {s.output_messages.length === 0 && s.output && (
        <section><h3>Output</h3><pre class="value">{pretty(s.output)}</pre></section>
      )}
      {s.documents.length > 0 && (
        <section>
          <h3>Documents</h3>
          <ol class="documents">
            {s.documents.map((d, i) => (
              <li key={i}>
                <div class="muted">{d.id ?? `document ${i}`}{d.score !== null ? ` · score ${d.score.toFixed(3)}` : ''}</div>
                <pre>{d.content ?? ''}</pre>
              </li>
            ))}
          </ol>
        </section>
      )}
      {s.invocation_parameters && <section><h3>Invocation parameters</h3><pre class="value">{pretty(s.invocation_parameters)}</pre></section>}
      {s.tags.length > 0 && <section><h3>Tags</h3><p>{s.tags.map((tag) => <span key={tag} class="badge">{tag}</span>)}</p></section>}
      {s.metadata && <section><h3>Metadata</h3><pre class="value">{pretty(s.metadata)}</pre></section>}
      <section><h3>Attributes</h3><JsonTree value={s.attributes} /></section>
      {s.events.length > 0 && (
        <section>
          <h3>Events</h3>
          <ul class="events">{s.events.map((e, i) => <li key={i}><strong>{e.name}</strong> <span class="muted">{time(e.time)}</span><JsonTree value={e.attributes} open={false} /></li>)}</ul>
        </section>
      )}
      {s.links.length > 0 && <section><h3>Links</h3><JsonTree value={s.links} open={false} /></section>}
      <section><h3>Resource</h3><JsonTree value={s.resource} open={false} />{s.scope && <p class="muted">Scope: {s.scope}</p>}</section>
    </article>
  );
}

/** The cost of one call, each token type at its own price, or why it has none. */
function SpanCost(props: { span: Span }) {
  const c = props.span.cost;
  if (c.total === null) {
    if (c.unpriced_spans === 0) return null;
    return (
      <p class="muted cost-unknown">
        Cost unknown: no price for {props.span.model ? <code>{props.span.model}</code> : 'a call without a model name'}.{' '}
        {props.span.model && <Link href={paths.models(props.span.model, props.span.provider)}>Add a price</Link>}
      </p>
    );
  }
  const part = (label: string, value: number | null) => (value ? <><th>{label}</th><td class="num">{dollars(value)}</td></> : null);
  return (
    <table class="table compact cost" aria-label="Cost">
      <tbody>
        <tr><th>Cost</th><td class="num"><strong>{dollars(c.total)}</strong></td>{part('Input', c.input)}{part('Output', c.output)}</tr>
        {(c.cache_read || c.cache_write || c.reasoning) ? <tr><td colSpan={2} />{part('Cache read', c.cache_read)}{part('Cache write', c.cache_write)}{part('Reasoning', c.reasoning)}</tr> : null}
        {c.audio ? <tr><td colSpan={2} />{part('Audio', c.audio)}</tr> : null}
      </tbody>
    </table>
  );
}

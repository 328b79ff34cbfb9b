import { useEffect, useState } from 'preact/hooks';
import { RANGES } from '../../format';

const NAMES = ['span_kind', 'status_code', 'status_message', 'name', 'latency_ms', 'llm.model_name', 'llm.provider',
  'llm.token_count.total', 'cost', 'llm.token_count.prompt', 'llm.token_count.completion', 'input.value', 'output.value',
  'session.id', 'user.id', 'metadata[\'key\']', 'attributes[\'key\']', 'annotations[\'name\'].score', 'span_count',
  'error_count', 'trace_id', 'span_id', 'parent_id'];

/** Where an "Invalid filter: … (at position N)" message points. */
function position(error: string | null): number | null {
  const m = error?.match(/\(at position (\d+)\)/);
  return m ? Number(m[1]) : null;
}

/**
 * The filter language input (Phoenix's expressions), offering the language's names and the attribute keys
 * seen in the project, a time range and live mode. An invalid expression shows the server's message under the
 * input with a caret at the position it names.
 */
export function FilterBar(props: {
  filter: string;
  keys: string[];
  error: string | null;
  range: number | null;
  live: boolean;
  onFilter: (filter: string) => void;
  onRange: (minutes: number | null) => void;
  onLive: (live: boolean) => void;
}) {
  const [text, setText] = useState(props.filter);
  useEffect(() => setText(props.filter), [props.filter]);
  const at = position(props.error);
  return (
    <form class="filter-bar" onSubmit={(e) => { e.preventDefault(); props.onFilter(text.trim()); }}>
      <div class="filter-input">
        <input
          type="search"
          name="filter"
          aria-label="Filter"
          list="filter-names"
          placeholder="Filter, e.g. span_kind == 'LLM' and latency_ms > 1000"
          value={text}
          aria-invalid={props.error !== null}
          spellcheck={false}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
        />
        <datalist id="filter-names">{NAMES.concat(props.keys).map((n) => <option key={n} value={n} />)}</datalist>
        {props.error && (
          <div class="filter-error" role="alert">
            {at !== null && <pre class="caret">{`${text}\n${' '.repeat(Math.min(at, text.length))}^`}</pre>}
            <span>{props.error}</span>
          </div>
        )}
      </div>
      <button type="submit">Apply</button>
      <select aria-label="Time range" value={String(props.range)} onChange={(e) => {
        const v = (e.target as HTMLSelectElement).value;
        props.onRange(v === 'null' ? null : Number(v));
      }}>
        {RANGES.map((r) => <option key={r.label} value={String(r.minutes)}>{r.label}</option>)}
      </select>
      <label class="live"><input type="checkbox" checked={props.live} onChange={(e) => props.onLive((e.target as HTMLInputElement).checked)} /> Live</label>
    </form>
  );
}

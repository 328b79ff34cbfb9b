import { useEffect, useRef, useState } from 'preact/hooks';
import { complete, suggestions, type Word, wordAt } from './completion';
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
 * The filter language input (Phoenix's expressions), completing the word at the caret with the language's names
 * and the attribute keys seen in the project (arrows choose, Tab or Enter takes, Escape closes), a time range
 * and live mode. An invalid expression shows the server's message under the
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
  const input = useRef<HTMLInputElement>(null);
  /** The word being completed, the names offered for it, and the one highlighted (-1: none). */
  const [offer, setOffer] = useState<{ word: Word; names: string[]; active: number } | null>(null);
  const at = position(props.error);

  const suggest = (value: string, caret: number | null) => {
    if (caret === null) return setOffer(null);
    const word = wordAt(value, caret);
    const names = suggestions(word.text, NAMES.concat(props.keys));
    setOffer(names.length ? { word, names, active: -1 } : null);
  };
  const accept = (name: string) => {
    if (!offer) return;
    const next = complete(text, offer.word, name);
    // The input is changed at once, caret included, so that keys typed before the next render land after the name.
    const el = input.current;
    if (el) {
      el.value = next.text;
      el.setSelectionRange(next.caret, next.caret);
      el.focus();
    }
    setText(next.text);
    setOffer(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!offer || e.isComposing) return;
    const count = offer.names.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // From none (-1) through each name and back to none.
      const next = offer.active + step;
      setOffer({ ...offer, active: next >= count ? -1 : next < -1 ? count - 1 : next });
    } else if ((e.key === 'Tab' && !e.shiftKey) || (e.key === 'Enter' && offer.active >= 0)) {
      e.preventDefault();
      accept(offer.names[Math.max(0, offer.active)]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOffer(null);
    }
  };
  return (
    <form class="filter-bar" onSubmit={(e) => { e.preventDefault(); setOffer(null); props.onFilter(text.trim()); }}>
      <div class="filter-input">
        <input
          ref={input}
          type="search"
          name="filter"
          aria-label="Filter"
          role="combobox"
          list={undefined /* the names are offered by the list below, not by a datalist */}
          aria-autocomplete="list"
          aria-expanded={offer !== null}
          aria-controls="filter-names"
          aria-activedescendant={offer && offer.active >= 0 ? `filter-name-${offer.active}` : undefined}
          autocomplete="off"
          placeholder="Filter, e.g. span_kind == 'LLM' and latency_ms > 1000"
          value={text}
          aria-invalid={props.error !== null}
          spellcheck={false}
          onInput={(e) => {
            const el = e.target as HTMLInputElement;
            setText(el.value);
            suggest(el.value, el.selectionStart);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            // The caret moved without typing: offer names for the word it is in now.
            if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
              const el = e.currentTarget as HTMLInputElement;
              suggest(el.value, el.selectionStart);
            }
          }}
          onClick={(e) => { if (offer) suggest(text, (e.currentTarget as HTMLInputElement).selectionStart); }}
          onBlur={() => setOffer(null)}
        />
        {offer && (
          <ul class="completions" id="filter-names" role="listbox" aria-label="Names">
            {offer.names.map((name, i) => (
              <li key={name} id={`filter-name-${i}`} role="option" aria-selected={i === offer.active}
                class={i === offer.active ? 'active' : ''}
                // mousedown, not click: the input keeps its focus (a blur would close the list first).
                onMouseDown={(e) => { e.preventDefault(); accept(name); }}>{name}</li>
            ))}
          </ul>
        )}
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

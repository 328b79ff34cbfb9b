import { useState } from 'preact/hooks';
import type { Price, PriceInput } from '../../api';

type PriceField = 'input' | 'output' | 'cache_read' | 'cache_write' | 'reasoning' | 'audio_input' | 'audio_output';

/** What an empty price falls back to. */
const FALLBACK: Partial<Record<PriceField, string>> = {
  cache_read: 'as input', cache_write: 'as input', reasoning: 'as output', audio_input: 'as input', audio_output: 'as output',
};

const FIELDS: { key: PriceField; label: string; required?: boolean }[] = [
  { key: 'input', label: 'Input', required: true },
  { key: 'output', label: 'Output', required: true },
  { key: 'cache_read', label: 'Cache read' },
  { key: 'cache_write', label: 'Cache write' },
  { key: 'reasoning', label: 'Reasoning' },
  { key: 'audio_input', label: 'Audio input' },
  { key: 'audio_output', label: 'Audio output' },
];

function text(v: number | string | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function number(v: string): number | null {
  return v.trim() === '' ? null : Number(v);
}

/**
 * A custom price: the model's name (and, if it needs one, a pattern that matches its whole name), optionally one
 * provider and one project, and US dollars per million tokens. Empty cache, reasoning and audio prices fall back to
 * the input and output prices. The server checks every field and names the one that is wrong.
 */
export function PriceForm(props: { initial: Partial<Price>; submitLabel: string; onSubmit: (p: PriceInput) => Promise<void>; onCancel?: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(() => ({
    name: text(props.initial.name), provider: text(props.initial.provider),
    pattern: props.initial.source === 'custom' ? text(props.initial.pattern) : '', project: text(props.initial.project),
    input: text(props.initial.input), output: text(props.initial.output), cache_read: text(props.initial.cache_read),
    cache_write: text(props.initial.cache_write), reasoning: text(props.initial.reasoning),
    audio_input: text(props.initial.audio_input), audio_output: text(props.initial.audio_output),
    prices_as_of: text(props.initial.prices_as_of) || new Date().toISOString().slice(0, 10),
  }));
  const [busy, setBusy] = useState(false);
  const set = (key: string) => (e: Event) => setValues({ ...values, [key]: (e.target as HTMLInputElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await props.onSubmit({
        name: values.name.trim(), provider: values.provider.trim() || null, pattern: values.pattern.trim() || null,
        project: values.project.trim() || null, input: number(values.input) as number, output: number(values.output) as number,
        cache_read: number(values.cache_read), cache_write: number(values.cache_write), reasoning: number(values.reasoning),
        audio_input: number(values.audio_input), audio_output: number(values.audio_output),
        prices_as_of: values.prices_as_of || null,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="price-form" onSubmit={submit} aria-label="Model price">
      <label>Model <input value={values.name} onInput={set('name')} required placeholder="gpt-4o-mini" /></label>
      <label>Provider <input value={values.provider} onInput={set('provider')} placeholder="any" /></label>
      <label>Pattern <input value={values.pattern} onInput={set('pattern')} placeholder="the name or its dated snapshots" class="mono" /></label>
      <label>Project <input value={values.project} onInput={set('project')} placeholder="all projects" /></label>
      {FIELDS.map((f) => (
        <label key={f.key}>{f.label} $/1M
          <input type="number" min="0" step="any" value={values[f.key]} onInput={set(f.key)} required={f.required}
            placeholder={FALLBACK[f.key] ?? ''} />
        </label>
      ))}
      <label>Prices as of <input type="date" value={values.prices_as_of} onInput={set('prices_as_of')} /></label>
      <div class="form-actions">
        <button type="submit" disabled={busy}>{props.submitLabel}</button>
        {props.onCancel && <button type="button" onClick={props.onCancel}>Cancel</button>}
      </div>
    </form>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Price, type PriceInput } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { PriceForm } from '../../components/settings/PriceForm';
import { RecomputeProgress } from '../../components/settings/RecomputeProgress';
import { navigate, paths } from '../../router';

/**
 * Settings → Models: every price in force (bundled with the date it was checked, from the start-up file, or set
 * here), a search, and custom prices to add, change and delete. A change reprices stored calls in the background.
 */
export function ModelsPage(props: { query: URLSearchParams }) {
  const [prices, setPrices] = useState<Price[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState(props.query.get('model') ?? '');
  const [editing, setEditing] = useState<Price | null>(null);
  const [changes, setChanges] = useState(0);
  const [formKey, setFormKey] = useState(0);

  const load = () => api.prices().then((p) => { setPrices(p.data); }, setError);
  useEffect(() => { load(); }, []);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = prices ?? [];
    if (!q) return all;
    return all.filter((p) => matches(p, q));
  }, [prices, search]);

  const done = async () => {
    setError(null);
    setEditing(null);
    setFormKey((k) => k + 1);
    setChanges((c) => c + 1);
    if (props.query.has('model')) navigate(paths.models(), true);
    await load();
  };
  const save = async (input: PriceInput) => {
    try {
      if (editing?.id != null) await api.updatePrice(editing.id, input);
      else await api.createPrice(input);
      await done();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async (p: Price) => {
    if (p.id === null || !window.confirm(`Delete the price of ${p.name}? Calls it priced are repriced with the next match.`)) return;
    try {
      await api.deletePrice(p.id);
      await done();
    } catch (e) {
      setError(e);
    }
  };

  const preset: Partial<Price> = editing ?? { name: props.query.get('model') ?? '', provider: props.query.get('provider') };
  return (
    <section class="page">
      <header class="page-header">
        <h1>Models</h1>
        <p class="muted">Prices in US dollars per million tokens. Each token type is charged at its own price: cache reads
          and writes are not prompt tokens. The most specific match wins: a project's own price, then one set here or in
          the start-up file, then the bundled list.</p>
      </header>
      <RecomputeProgress changes={changes} />
      {error !== null && <ErrorBox error={error} />}
      <details class="panel" open={editing !== null || props.query.has('model')}>
        <summary>{editing ? `Edit the price of ${editing.name}` : 'Add a price'}</summary>
        <PriceForm key={`${formKey}-${editing?.id ?? 'new'}`} initial={preset} submitLabel={editing ? 'Save' : 'Add price'}
          onSubmit={save} onCancel={editing ? () => setEditing(null) : undefined} />
      </details>
      <input type="search" class="search" aria-label="Search models" placeholder="Search model, provider or project"
        value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
      {prices === null && error === null && <p class="muted">Loading…</p>}
      {prices !== null && (
        <table class="table prices">
          <thead>
            <tr><th>Model</th><th>Provider</th><th>Project</th><th>Input</th><th>Output</th><th>Cache read</th>
              <th>Cache write</th><th>Reasoning</th><th>Audio in</th><th>Audio out</th><th>As of</th><th>Source</th><th /></tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={`${p.source}-${p.id ?? i}-${p.name}`}>
                <td><strong>{p.name}</strong><div class="muted mono" title="Matches the whole model name">{p.pattern}</div></td>
                <td>{p.provider ?? <span class="muted">any</span>}</td>
                <td>{p.project ?? <span class="muted">all</span>}</td>
                <td class="num">{p.input}</td><td class="num">{p.output}</td>
                <td class="num">{p.cache_read ?? <span class="muted">{p.input}</span>}</td>
                <td class="num">{p.cache_write ?? <span class="muted">{p.input}</span>}</td>
                <td class="num">{p.reasoning ?? <span class="muted">{p.output}</span>}</td>
                <td class="num">{p.audio_input ?? <span class="muted">{p.input}</span>}</td>
                <td class="num">{p.audio_output ?? <span class="muted">{p.output}</span>}</td>
                <td class="nowrap">{p.prices_as_of ?? '–'}</td>
                <td><span class="badge">{p.source}</span></td>
                <td class="actions">
                  {p.source === 'custom'
                    ? <><button type="button" onClick={() => setEditing(p)}>Edit</button> <button type="button" class="danger" onClick={() => remove(p)}>Delete</button></>
                    : <button type="button" onClick={() => setEditing({ ...p, id: null, source: 'custom', pattern: p.pattern })} title="Add a custom price that overrides this one">Override</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {prices !== null && shown.length === 0 && <p class="muted">No price matches “{search}”: its calls show an unknown cost until you add one.</p>}
    </section>
  );
}

/**
 * A search hit: the model name, pattern, provider or project contains the words. (Patterns are not run here: a
 * pattern from anyone must not be able to hang this page; the server matches them with RE2.)
 */
function matches(p: Price, q: string): boolean {
  return `${p.name} ${p.pattern} ${p.provider ?? ''} ${p.project ?? ''}`.toLowerCase().includes(q);
}

import { useEffect, useState } from 'preact/hooks';
import { api, type RedactionRule } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';
import { useAction } from '../../components/common/useAction';

const BUILT_IN = ['email', 'phone', 'credit_card', 'iban', 'api_key'];

/**
 * Settings → Redaction: the rules that replace personal data and secrets in spans before they are stored (from
 * the start-up file, or set here), a form to add one, and a preview of what the rules make of a text.
 */
export function RedactionPage() {
  const [rules, setRules] = useState<RedactionRule[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('email');
  const [custom, setCustom] = useState('');
  const [pattern, setPattern] = useState('');
  const [project, setProject] = useState('');
  const [attributes, setAttributes] = useState('');
  const [sample, setSample] = useState('Reach me at ana@example.com or +44 20 7946 0958.');
  const [preview, setPreview] = useState<{ text: string; redactions: number } | null>(null);

  const load = () => api.redactionRules().then((r) => setRules(r.data), setError);
  useEffect(() => { load(); }, []);
  const act = useAction(load, setError);
  const add = async (e: Event) => {
    e.preventDefault();
    const isCustom = name === 'custom';
    const ok = await act(() => api.createRedactionRule({
      name: isCustom ? custom.trim() : name,
      pattern: isCustom ? pattern : null,
      project: project.trim() || null,
      attributes: attributes.split(',').map((a) => a.trim()).filter((a) => a),
    }));
    if (ok) { setCustom(''); setPattern(''); setProject(''); setAttributes(''); }
  };
  const remove = (r: RedactionRule) => r.id !== null
    && window.confirm(`Delete the rule "${r.name}"? Spans received after this are no longer redacted by it.`)
    && act(() => api.deleteRedactionRule(r.id as number));
  const test = async () => {
    try {
      setError(null);
      setPreview((await api.redactionPreview(sample, project.trim() || null)).data);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section class="page">
      <header class="page-header">
        <h1>Redaction</h1>
        <p class="muted">Matches are replaced with [REDACTED:name] in span attributes before anything is stored. A rule
          applies to spans received after it is set; stored spans are not rewritten.</p>
      </header>
      {error !== null && <ErrorBox error={error} />}
      <details class="panel">
        <summary>Add a rule</summary>
        <form class="form" onSubmit={add}>
          <label>Rule <select aria-label="Rule" value={name} onChange={(e) => setName((e.target as HTMLSelectElement).value)}>
            {BUILT_IN.map((b) => <option key={b} value={b}>{b}</option>)}
            <option value="custom">custom pattern…</option>
          </select></label>
          {name === 'custom' && <>
            <label>Name <input aria-label="Name" value={custom} placeholder="customer_id" onInput={(e) => setCustom((e.target as HTMLInputElement).value)} /></label>
            <label>Pattern (RE2) <input aria-label="Pattern" class="mono" value={pattern} placeholder="CUST-\d{6}" onInput={(e) => setPattern((e.target as HTMLInputElement).value)} /></label>
          </>}
          <label>Project <input aria-label="Project" value={project} placeholder="all projects" onInput={(e) => setProject((e.target as HTMLInputElement).value)} /></label>
          <label>Attributes <input aria-label="Attributes" value={attributes} placeholder="input and output values and messages"
            onInput={(e) => setAttributes((e.target as HTMLInputElement).value)} /></label>
          <button type="submit">Add rule</button>
        </form>
      </details>
      {rules === null && error === null && <p class="muted">Loading…</p>}
      {rules !== null && rules.length === 0 && <p class="muted">No rules: spans are stored as they are sent.</p>}
      {rules !== null && rules.length > 0 && (
        <table class="table" aria-label="Redaction rules">
          <thead><tr><th>Rule</th><th>Pattern</th><th>Project</th><th>Attributes</th><th>Source</th><th /></tr></thead>
          <tbody>
            {rules.map((r, i) => (
              <tr key={`${r.source}-${r.id ?? i}`}>
                <td><strong>{r.name}</strong></td>
                <td class="mono">{r.pattern ?? <span class="muted">built in</span>}</td>
                <td>{r.project ?? <span class="muted">all</span>}</td>
                <td>{r.attributes.length ? r.attributes.join(', ') : <span class="muted">defaults</span>}</td>
                <td><span class="badge">{r.source}</span></td>
                <td class="actions">{r.source === 'api' && <button type="button" class="danger" onClick={() => remove(r)}>Delete</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section class="panel">
        <h2>Try the rules</h2>
        <textarea aria-label="Sample text" rows={3} value={sample} onInput={(e) => setSample((e.target as HTMLTextAreaElement).value)} />
        <p><button type="button" onClick={test}>Preview</button></p>
        {preview && <p aria-label="Preview result"><span class="mono">{preview.text}</span> <span class="muted">({preview.redactions} replaced)</span></p>}
      </section>
    </section>
  );
}

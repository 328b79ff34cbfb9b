import { useState } from 'preact/hooks';

/** A collapsible tree of a JSON-like value. Every value is rendered as text. */
export function JsonTree(props: { value: unknown; name?: string; open?: boolean }) {
  return <ul class="json-tree"><Node name={props.name} value={props.value} open={props.open ?? true} /></ul>;
}

function Node(props: { name?: string; value: unknown; open: boolean }) {
  const [open, setOpen] = useState(props.open);
  const { name, value } = props;
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    return (
      <li>
        <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {label}<span class="json-meta">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</span>
        </button>
        {open && <ul>{entries.map(([k, v]) => <Node key={k} name={k} value={v} open={false} />)}</ul>}
      </li>
    );
  }
  return (
    <li>
      {label}
      <span class={`json-value json-${value === null ? 'null' : typeof value}`}>
        {typeof value === 'string' ? value : JSON.stringify(value)}
      </span>
    </li>
  );
}

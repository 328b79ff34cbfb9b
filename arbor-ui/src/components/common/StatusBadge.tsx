/** OK, ERROR or UNSET, in colour and in words (colour is never the only signal). */
export function StatusBadge(props: { status: string }) {
  const s = props.status;
  return <span class={`badge status status-${s.toLowerCase()}`} title={`status ${s}`}>{s === 'ERROR' ? '✕ error' : s === 'OK' ? '✓ ok' : '· unset'}</span>;
}

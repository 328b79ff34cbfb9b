// How numbers and times read in the UI.

export function duration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function time(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString();
}

/** One line of at most {@code max} characters, for table cells. */
export function oneLine(text: string | null | undefined, max = 140): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** US dollars: cents from a dollar up, three significant digits below (a single call costs fractions of a cent). */
export function dollars(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (amount < 1e-6) return '< $0.000001';
  const text = Number(amount.toPrecision(3)).toFixed(Math.max(2, 2 - Math.floor(Math.log10(amount)) + 2)).replace(/0+$/, '');
  const decimals = text.length - text.indexOf('.') - 1;
  return `$${decimals < 2 ? text + '0'.repeat(2 - decimals) : text}`;
}

/**
 * A cost as a person should read it: "–" when nothing reported tokens, "unknown" when nothing that did has a
 * price (never $0), and "≥ $x" when some calls have no price, since the sum covers only the priced ones.
 */
export function money(cost: { total: number | null; unpriced_spans: number } | null | undefined): string {
  if (!cost) return '–';
  if (cost.total === null) return cost.unpriced_spans > 0 ? 'unknown' : '–';
  return `${cost.unpriced_spans > 0 ? '≥ ' : ''}${dollars(cost.total)}`;
}

export function moneyTitle(cost: { unpriced_spans: number } | null | undefined): string | undefined {
  if (!cost || cost.unpriced_spans === 0) return undefined;
  return `${cost.unpriced_spans} ${cost.unpriced_spans === 1 ? 'call has' : 'calls have'} no price for its model: add one in Settings → Models`;
}

export const RANGES: { label: string; minutes: number | null }[] = [
  { label: 'Last 15 minutes', minutes: 15 },
  { label: 'Last hour', minutes: 60 },
  { label: 'Last 24 hours', minutes: 24 * 60 },
  { label: 'Last 7 days', minutes: 7 * 24 * 60 },
  { label: 'Last 30 days', minutes: 30 * 24 * 60 },
  { label: 'All time', minutes: null },
];

export function rangeStart(minutes: number | null): string | null {
  return minutes === null ? null : new Date(Date.now() - minutes * 60_000).toISOString();
}

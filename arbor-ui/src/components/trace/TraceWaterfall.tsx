import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Span } from '../../api';
import { count, dollars, duration } from '../../format';
import { KindBadge } from '../common/KindBadge';
import { buildTree, criticalPath, shownAncestor, type TreeNode, visibleRows } from './spanTree';

const ROW = 30;
const OVERSCAN = 10;

/**
 * The span tree beside its timeline, one row per span: concurrent spans show as overlapping bars, the critical
 * path is marked. Only the rows in view are rendered, so a trace of 10,000 spans stays responsive. Keys: ↑/↓
 * or k/j move, ←/→ collapse and expand, Enter toggles.
 */
export function TraceWaterfall(props: { spans: Span[]; selected: string | null; onSelect: (spanId: string) => void }) {
  const roots = useMemo(() => buildTree(props.spans), [props.spans]);
  const critical = useMemo(() => criticalPath(roots), [roots]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = useMemo(() => visibleRows(roots, collapsed), [roots, collapsed]);
  const nodes = useMemo(() => {
    const all = new Map<string, TreeNode>();
    visibleRows(roots, new Set()).forEach((n) => all.set(n.span.span_id, n));
    return all;
  }, [roots]);
  // A selected span inside a collapsed parent is shown as that parent, and the keys move from there.
  const selected = shownAncestor(props.selected, rows, nodes);
  const start = useMemo(() => props.spans.reduce((m, s) => Math.min(m, s.start_offset_nanos), Infinity), [props.spans]);
  const end = useMemo(() => props.spans.reduce((m, s) => Math.max(m, s.end_offset_nanos), -Infinity), [props.spans]);
  const total = Math.max(1, end - start);
  const box = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const index = rows.findIndex((r) => r.span.span_id === selected);
  useEffect(() => {
    const el = box.current;
    if (!el || index < 0) return;
    const top = index * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [index]);

  const toggle = (spanId: string, open?: boolean) => {
    const next = new Set(collapsed);
    const isOpen = !next.has(spanId);
    if (open ?? !isOpen) next.delete(spanId);
    else next.add(spanId);
    setCollapsed(next);
  };

  const onKey = (e: KeyboardEvent) => {
    const at = Math.max(0, index);
    const row = rows[at];
    if (e.key === 'ArrowDown' || e.key === 'j') props.onSelect(rows[Math.min(rows.length - 1, at + 1)].span.span_id);
    else if (e.key === 'ArrowUp' || e.key === 'k') props.onSelect(rows[Math.max(0, at - 1)].span.span_id);
    else if (e.key === 'ArrowLeft' && row) {
      if (row.children.length && !collapsed.has(row.span.span_id)) toggle(row.span.span_id, false);
      else if (row.span.parent_id && rows.some((r) => r.span.span_id === row.span.parent_id)) props.onSelect(row.span.parent_id);
    } else if (e.key === 'ArrowRight' && row) toggle(row.span.span_id, true);
    else if (e.key === 'Enter' && row) toggle(row.span.span_id);
    else return;
    e.preventDefault();
  };

  const first = Math.max(0, Math.floor(scroll / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scroll + height) / ROW) + OVERSCAN);
  return (
    <div class="waterfall" ref={box} tabIndex={0} role="tree" aria-label="Spans of the trace"
      onScroll={(e) => setScroll((e.target as HTMLDivElement).scrollTop)} onKeyDown={onKey}>
      <div style={{ height: `${rows.length * ROW}px`, position: 'relative' }}>
        {rows.slice(first, last).map((node, i) => {
          const s = node.span;
          const left = ((s.start_offset_nanos - start) / total) * 100;
          const width = Math.max(0.3, ((s.end_offset_nanos - s.start_offset_nanos) / total) * 100);
          const isSelected = s.span_id === selected;
          return (
            <div key={s.span_id} role="treeitem" aria-selected={isSelected} aria-level={node.depth + 1}
              aria-expanded={node.children.length ? !collapsed.has(s.span_id) : undefined}
              data-span-id={s.span_id}
              class={`wf-row${isSelected ? ' selected' : ''}${s.status_code === 'ERROR' ? ' error' : ''}`}
              style={{ top: `${(first + i) * ROW}px`, height: `${ROW}px` }}
              onClick={() => props.onSelect(s.span_id)}>
              <div class="wf-label" style={{ paddingLeft: `${node.depth * 14 + 4}px` }}>
                {node.children.length
                  ? <button type="button" class="wf-toggle" tabIndex={-1} aria-label={collapsed.has(s.span_id) ? 'expand' : 'collapse'}
                      onClick={(e) => { e.stopPropagation(); toggle(s.span_id); }}>{collapsed.has(s.span_id) ? '▸' : '▾'}</button>
                  : <span class="wf-toggle" />}
                <KindBadge kind={s.span_kind} />
                <span class="wf-name" title={s.name}>{s.name}</span>
                {s.status_code === 'ERROR' && <span class="error-text" title={s.status_message}> ✕</span>}
                <span class="wf-meta">{duration(s.latency_ms)}{s.tokens.total !== null ? ` · ${count(s.tokens.total)} tok` : ''}{s.cost.total !== null ? ` · ${dollars(s.cost.total)}` : ''}</span>
              </div>
              <div class="wf-track">
                <div class={`wf-bar kind-${s.span_kind.toLowerCase()}${critical.has(s.span_id) ? ' critical' : ''}`}
                  data-left={left.toFixed(3)} data-width={width.toFixed(3)}
                  style={{ left: `${left}%`, width: `${width}%` }}
                  title={`${s.name}: ${duration(s.latency_ms)} from +${duration((s.start_offset_nanos - start) / 1e6)}${critical.has(s.span_id) ? ' (critical path)' : ''}`} />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

import type { Span } from '../../api';

/** A span in the trace's tree. */
export interface TreeNode {
  span: Span;
  depth: number;
  children: TreeNode[];
}

/**
 * The tree of a trace's spans, children in start order. A span whose parent is not in the trace (not stored,
 * or deleted) is shown as a root, so nothing is hidden.
 */
export function buildTree(spans: Span[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const span of spans) nodes.set(span.span_id, { span, depth: 0, children: [] });
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.span.parent_id ? nodes.get(node.span.parent_id) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byStart = (a: TreeNode, b: TreeNode) => a.span.start_offset_nanos - b.span.start_offset_nanos;
  const stack = [...roots];
  roots.sort(byStart);
  while (stack.length) {
    const node = stack.pop()!;
    node.children.sort(byStart);
    for (const child of node.children) {
      child.depth = node.depth + 1;
      stack.push(child);
    }
  }
  return roots;
}

/** The rows shown: depth-first, skipping the children of collapsed spans. */
export function visibleRows(roots: TreeNode[], collapsed: Set<string>): TreeNode[] {
  const rows: TreeNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    rows.push(node);
    if (!collapsed.has(node.span.span_id)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return rows;
}

/**
 * The critical path, as Jaeger draws it: from a span's end, the child that finished last (clipped to the
 * span), then, from that child's start, the child that finished last before it, and so on; each chosen child
 * in turn by the same rule. These are the spans that made the trace as slow as it was.
 */
export function criticalPath(roots: TreeNode[]): Set<string> {
  const path = new Set<string>();
  const walk = (node: TreeNode) => {
    path.add(node.span.span_id);
    let cursor = node.span.end_offset_nanos;
    const byEnd = [...node.children].sort((a, b) => b.span.end_offset_nanos - a.span.end_offset_nanos);
    for (const child of byEnd) {
      const end = Math.min(child.span.end_offset_nanos, node.span.end_offset_nanos);
      if (end <= cursor && end > node.span.start_offset_nanos && child.span.start_offset_nanos < cursor) {
        walk(child);
        cursor = child.span.start_offset_nanos;
      }
    }
  };
  roots.forEach(walk);
  return path;
}

/** The span itself when it is shown, else its nearest ancestor that is (a collapsed parent hides it). */
export function shownAncestor(spanId: string | null, rows: TreeNode[], all: Map<string, TreeNode>): string | null {
  const shown = new Set(rows.map((r) => r.span.span_id));
  let id = spanId;
  while (id && !shown.has(id)) {
    id = all.get(id)?.span.parent_id ?? null;
  }
  return id;
}

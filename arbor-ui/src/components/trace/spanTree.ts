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
  const byStart = (a: TreeNode, b: TreeNode) => a.span.start_nanos - b.span.start_nanos;
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
 * The critical path: from each root, repeatedly the child that ends last, since the parent could not end
 * before it. These are the spans that made the trace as slow as it was.
 */
export function criticalPath(roots: TreeNode[]): Set<string> {
  const path = new Set<string>();
  for (const root of roots) {
    let node: TreeNode | undefined = root;
    while (node) {
      path.add(node.span.span_id);
      node = node.children.reduce<TreeNode | undefined>(
        (last, c) => (!last || c.span.end_nanos > last.span.end_nanos ? c : last), undefined);
    }
  }
  return path;
}

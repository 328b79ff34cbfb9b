const ICONS: Record<string, string> = {
  LLM: '✦', CHAIN: '↳', TOOL: '⚙', RETRIEVER: '☰', AGENT: '◉', EMBEDDING: '≈', RERANKER: '⇅', GUARDRAIL: '▣',
  EVALUATOR: '✓', UNKNOWN: '•',
};

/** The OpenInference span kind, with an icon. */
export function KindBadge(props: { kind: string }) {
  return (
    <span class={`badge kind kind-${props.kind.toLowerCase()}`} title={`span kind ${props.kind}`}>
      <span aria-hidden="true">{ICONS[props.kind] ?? '•'}</span> {props.kind}
    </span>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, type Annotation } from '../../api';

/** The annotations and notes on a span: who or what judged it (human, LLM, code), the label, score and why. */
export function Annotations(props: { project: string; spanId: string }) {
  const [annotations, setAnnotations] = useState<Annotation[] | null>(null);
  useEffect(() => {
    let current = true;
    setAnnotations(null);
    api.spanAnnotations(props.project, props.spanId)
      .then((page) => current && setAnnotations(page.data), () => current && setAnnotations([]));
    return () => { current = false; };
  }, [props.project, props.spanId]);
  if (!annotations || annotations.length === 0) return null;
  return (
    <section class="annotations">
      <h3>Annotations</h3>
      <table class="table compact">
        <thead><tr><th>Name</th><th>By</th><th>Label</th><th>Score</th><th>Explanation</th></tr></thead>
        <tbody>
          {annotations.map((a) => (
            <tr key={a.id}>
              <td>{a.name}</td>
              <td class="muted">{a.annotator_kind}</td>
              <td>{a.result.label ?? ''}</td>
              <td class="num">{a.result.score ?? ''}</td>
              <td>{a.result.explanation ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What a new user sees before the first trace arrives: where to send it, and how. */
export function EmptyState(props: { project?: string }) {
  const origin = window.location.origin;
  const project = props.project ?? 'my-app';
  return (
    <section class="empty">
      <h2>No traces yet</h2>
      <p>Send OpenTelemetry traces to this Arbor: OTLP over HTTP at <code>{origin}/v1/traces</code>, or OTLP/gRPC on port 4317.</p>
      <p>With Python and Phoenix's <code>arize-phoenix-otel</code>:</p>
      <pre class="snippet">{`pip install arize-phoenix-otel openinference-instrumentation-openai

from phoenix.otel import register
register(project_name="${project}", endpoint="${origin}/v1/traces", auto_instrument=True)`}</pre>
      <p>Or any OpenTelemetry SDK: <code>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={origin}/v1/traces</code> and the resource attribute <code>openinference.project.name={project}</code>.</p>
    </section>
  );
}

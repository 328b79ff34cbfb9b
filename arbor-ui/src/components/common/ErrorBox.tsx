/** A failed request, said plainly. */
export function ErrorBox(props: { error: unknown }) {
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return <div class="error-box" role="alert">{message}</div>;
}

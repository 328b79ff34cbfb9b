import { useState } from 'preact/hooks';

/** Copies {@code text} to the clipboard and says so. */
export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="copy"
      title={`Copy ${props.text}`}
      onClick={() => {
        navigator.clipboard?.writeText(props.text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        }, () => undefined);
      }}
    >
      {copied ? 'copied' : props.label ?? 'copy'}
    </button>
  );
}

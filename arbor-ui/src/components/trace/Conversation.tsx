import type { Message } from '../../api';

/** LLM messages as a conversation: role, text, tool calls with their arguments. Everything is text. */
export function Conversation(props: { messages: Message[]; title: string }) {
  if (props.messages.length === 0) return null;
  return (
    <section class="conversation">
      <h3>{props.title}</h3>
      {props.messages.map((m, i) => (
        <div key={i} class={`message role-${(m.role ?? 'unknown').toLowerCase()}`}>
          <div class="message-role">{m.role ?? 'message'}{m.name ? ` · ${m.name}` : ''}{m.tool_call_id ? ` · answers ${m.tool_call_id}` : ''}</div>
          {m.content && <pre class="message-content"><MessageText text={m.content} /></pre>}
          {m.tool_calls.map((call, j) => (
            <div key={j} class="tool-call">
              <div class="tool-call-name">⚙ {call.name ?? 'tool call'}{call.id ? <span class="muted"> {call.id}</span> : null}</div>
              {call.arguments && <pre>{pretty(call.arguments)}</pre>}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

const URL_LINE = /^https?:\/\/[^\s<>"']+$/;
const DATA_IMAGE = /^data:image\/[\w.+-]+;base64,/;

/**
 * A message's text, where a line that is only an http(s) address (an image part of a multi-part message, say)
 * becomes a link that opens in a new tab, and an inline base64 image is named by its size instead of shown.
 * Still text: the address is only ever an href of a link, never markup, and only http(s) is linked.
 */
function MessageText(props: { text: string }) {
  const lines = props.text.split('\n');
  return (
    <>
      {lines.map((line, i) => {
        const end = i < lines.length - 1 ? '\n' : '';
        const trimmed = line.trim();
        if (URL_LINE.test(trimmed)) {
          return <span key={i}><a href={trimmed} target="_blank" rel="noopener noreferrer nofollow">{trimmed}</a>{end}</span>;
        }
        if (DATA_IMAGE.test(trimmed)) {
          return <span key={i} class="muted">[inline image, {Math.round((trimmed.length * 3) / 4 / 1024)} kB]{end}</span>;
        }
        return <span key={i}>{line}{end}</span>;
      })}
    </>
  );
}

/** JSON text indented, anything else as it came. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

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
          {m.content && <pre class="message-content">{m.content}</pre>}
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

/** JSON text indented, anything else as it came. */
export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

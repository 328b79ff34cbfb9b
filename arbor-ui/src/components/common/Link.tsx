import type { ComponentChildren } from 'preact';
import { navigate } from '../../router';

/** An in-app link: a real href (so it can be opened in a new tab), navigated without a reload. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; title?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      title={props.title}
      onClick={(e) => {
        if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
          e.preventDefault();
          navigate(props.href);
        }
      }}
    >
      {props.children}
    </a>
  );
}

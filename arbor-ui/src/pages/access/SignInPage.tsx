import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorBox } from '../../components/common/ErrorBox';

/**
 * Sign-in, and the first admin's set-up when Arbor was started without ARBOR_ADMIN_PASSWORD: the one-time link
 * printed at start opens this page with its token.
 */
export function SignInPage(props: { setupToken: string | null; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const setup = props.setupToken !== null;
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      setError(null);
      if (setup) {
        await api.setup(props.setupToken as string, username.trim(), password);
        window.history.replaceState(null, '', '/projects');
      } else {
        await api.login(username.trim(), password);
      }
      props.onSignedIn();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="page sign-in">
      <header class="page-header">
        <h1>{setup ? 'Create the first admin' : 'Sign in to Arbor'}</h1>
        {setup && <p class="muted">This link works once. The admin you create here can then add the team's users.</p>}
      </header>
      {error !== null && <ErrorBox error={error} />}
      <form class="form" onSubmit={submit}>
        <label>User name <input aria-label="User name" autocomplete="username" value={username}
          onInput={(e) => setUsername((e.target as HTMLInputElement).value)} /></label>
        <label>Password <input aria-label="Password" type="password" value={password}
          autocomplete={setup ? 'new-password' : 'current-password'}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)} /></label>
        <button type="submit">{setup ? 'Create admin' : 'Sign in'}</button>
      </form>
    </section>
  );
}

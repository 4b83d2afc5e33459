// Serve mode without a valid token: one clear full-page message instead of a UI full of
// "Missing token" errors and a status bar stuck on "Reconnecting…".
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { auth } from './api';

export function AuthGate({ children }: { children: React.ReactNode }): React.JSX.Element {
  const refused = useSyncExternalStore(auth.subscribe, auth.isUnauthorized);
  const [token, setToken] = useState('');
  if (!refused) return <>{children}</>;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!token.trim()) return;
    auth.remember(token);
    window.location.reload();
  };
  return (
    <main className="auth-gate" aria-labelledby="auth-gate-title">
      <h1 id="auth-gate-title">Flowdesk needs its token</h1>
      <p role="alert">
        This page needs the Flowdesk token — open the address printed by <code>npm run serve</code> (
        <code>{window.location.origin}/?token=…</code>), or read it from <code>&lt;data dir&gt;/api-token</code>.
      </p>
      <form className="auth-gate-form" aria-label="Enter the token" onSubmit={submit}>
        <label htmlFor="auth-gate-token">Token</label>
        <input id="auth-gate-token" className="input mono" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={!token.trim()}>
          Use this token
        </button>
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import { login } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/http';
import { useSession } from './session-store';

function signInError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'INVALID_CREDENTIALS') return 'That email and password do not match. Check them and try again.';
    if (err.code === 'TOO_MANY_ATTEMPTS' || err.status === 429) return 'Too many failed attempts. Wait a few minutes before trying again.';
  }
  return errorMessage(err);
}

export function SignInPage() {
  const signedIn = useSession((s) => s.signedIn);
  const notice = useSession((s) => s.notice);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      signedIn(await login(email.trim(), password));
    } catch (err) {
      setError(signInError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title" noValidate>
        <div className="brand brand-large" aria-hidden="true">
          Relay
        </div>
        <h1 id="signin-title">Sign in to the onboarding board</h1>
        {notice && !error && <p className="notice">{notice}</p>}
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

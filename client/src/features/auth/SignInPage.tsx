import { useState, type FormEvent } from 'react';
import { login } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/http';
import { Field } from '../../ui/Field';
import { AuthCard } from './AuthCard';
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
    <AuthCard
      titleId="signin-title"
      title="Sign in to the onboarding board"
      onSubmit={submit}
      error={error}
      busy={busy}
      ready={!!email && !!password}
      submitLabel="Sign in"
    >
      {notice && !error && <p className="notice">{notice}</p>}
      <Field name="email" label="Email" required>
        {(control) => (
          <input
            {...control}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus
          />
        )}
      </Field>
      <Field name="password" label="Password" required>
        {(control) => (
          <input
            {...control}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
    </AuthCard>
  );
}

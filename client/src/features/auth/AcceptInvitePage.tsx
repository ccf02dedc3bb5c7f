import { useState, type FormEvent } from 'react';
import { passwordProblem } from '@relay/shared';
import { acceptInvite } from '../../api/auth';
import { ApiError, errorMessage } from '../../api/http';
import { Field } from '../../ui/Field';
import { failedWrite } from '../../ui/field-errors';
import { PasswordInput } from '../../ui/PasswordInput';
import { setParams } from '../../utils/url-state';
import { AuthCard } from './AuthCard';
import { useSession } from './session-store';

/** The page an invitation link (`/?invite=<token>`) opens: choose a password, and be signed in. */
export function AcceptInvitePage({ token }: { token: string }) {
  const signedIn = useSession((s) => s.signedIn);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    // The server also checks the common-password list and the invitee's email and name.
    const problem = passwordProblem(password);
    const next = {
      password: problem?.replace(/^password/, 'Your password'),
      repeat: !problem && repeat !== password ? 'The two passwords are not the same' : undefined,
    };
    setErrors(next);
    if (next.password || next.repeat) return;
    setBusy(true);
    try {
      const user = await acceptInvite(token, password);
      setParams({ invite: null });
      signedIn(user);
    } catch (err) {
      const { fields } = failedWrite(err);
      if (fields.password) setErrors({ password: fields.password.replace(/^password/, 'Your password') });
      else if (err instanceof ApiError && (err.code === 'INVALID_CREDENTIALS' || fields.token))
        setError('This invitation link is unknown, used or expired. Ask an admin for a new one.');
      else setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <AuthCard
      titleId="invite-title"
      title="Welcome to Relay: choose your password"
      onSubmit={submit}
      error={error}
      busy={busy}
      ready={!!password}
      submitLabel="Set password and sign in"
      after={
        <button type="button" className="button button-quiet" onClick={() => setParams({ invite: null })}>
          I already have a password
        </button>
      }
    >
      <p className="muted small">You were invited to the onboarding board. Set a password to sign in; you will use it from now on.</p>
      <Field name="password" label="New password" error={errors.password} required>
        {(control) => <PasswordInput control={control} value={password} onChange={setPassword} autoFocus />}
      </Field>
      <Field name="repeat" label="Repeat the password" error={errors.repeat} required>
        {(control) => <PasswordInput control={control} value={repeat} onChange={setRepeat} />}
      </Field>
    </AuthCard>
  );
}

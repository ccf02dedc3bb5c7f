import { useState, type FormEvent } from 'react';
import { PASSWORD_LENGTH, passwordProblem, type User } from '@relay/shared';
import { changePassword } from '../../api/auth';
import { isApiError } from '../../api/http';
import { failedWrite } from '../../ui/field-errors';
import { FormFooter } from '../../ui/FormFooter';
import { PasswordInput } from '../../ui/PasswordInput';
import { Field } from '../../ui/Field';

const LABELS = { current: 'Current password', password: 'New password', repeat: 'Repeat the new password' };
type Field = keyof typeof LABELS;

const RULE = `At least ${PASSWORD_LENGTH.min} characters, not a common password, not containing your email or name.`;

/**
 * Changes the signed-in person's password: the current one, the new one twice. The new one is checked with
 * shared's rule while typing (its reason shows under the field); the server also checks the common-password
 * list. Success signs the person out everywhere else.
 */
export function ChangePasswordForm({ user }: { user: User }) {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', password: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = values.password ? passwordProblem(values.password, { email: user.email, name: user.name }) : null;

  function change(field: Field, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setDone(false);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const next: Partial<Record<Field, string>> = {
      current: values.current ? undefined : 'current is needed to change it',
      password: passwordProblem(values.password, { email: user.email, name: user.name }) ?? undefined,
      repeat: values.repeat === values.password ? undefined : 'the two new passwords are not the same',
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    setBusy(true);
    try {
      await changePassword(values.current, values.password);
      setValues({ current: '', password: '', repeat: '' });
      setDone(true);
    } catch (err) {
      const failed = failedWrite(err);
      if (isApiError(err) && err.code === 'INVALID_CREDENTIALS') setErrors({ current: 'current is not right' });
      else if (failed.fields.password) setErrors({ password: failed.fields.password });
      else setFormError(failed.message);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: Field) => ({ name, label: LABELS[name], error: errors[name], labels: LABELS });
  return (
    <form className="account-form" onSubmit={submit} noValidate aria-label="Change password">
      <Field {...field('current')}>
        {(p) => (
          <PasswordInput
            control={p}
            value={values.current}
            disabled={busy}
            autoComplete="current-password"
            onChange={(v) => change('current', v)}
          />
        )}
      </Field>
      <Field
        {...field('password')}
        hint={
          <span aria-live="polite" className={values.password ? (problem ? 'rule-unmet' : 'rule-met') : undefined}>
            {!values.password
              ? RULE
              : problem
                ? capitalised(problem.replace(/^password/, 'the new password'))
                : 'This password meets the rules.'}
          </span>
        }
      >
        {(p) => <PasswordInput control={p} value={values.password} disabled={busy} onChange={(v) => change('password', v)} />}
      </Field>
      <Field {...field('repeat')}>
        {(p) => <PasswordInput control={p} value={values.repeat} disabled={busy} onChange={(v) => change('repeat', v)} />}
      </Field>
      {done && (
        <p className="form-success" role="status">
          Your password is changed. You stay signed in here; everywhere else you were signed out.
        </p>
      )}
      <FormFooter variant="form" error={formError} busy={busy} submitLabel="Change password" busyLabel="Changing…" />
    </form>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

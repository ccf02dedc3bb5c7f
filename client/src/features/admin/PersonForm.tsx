import { useState, type FormEvent } from 'react';
import { INVITE_HOURS, PASSWORD_LENGTH, type Role, type User } from '@relay/shared';
import { adminApi, type DepartmentInfo } from '../../api/admin';
import { FormFooter } from '../../ui/FormFooter';
import { PasswordInput } from '../../ui/PasswordInput';
import { Field } from '../../ui/Field';
import { capitalise } from './names';
import { RoleOptions } from './RoleOptions';
import { failedWrite, otherErrors, type FieldErrors } from '../../ui/field-errors';
import { checkPersonDraft, draftFromUser, newPersonDraft, toNewPerson, toPersonPatch, type PersonDraft } from './utils/person-draft';

const LABELS = { name: 'Name', email: 'Email', role: 'Role', departments: 'Departments', password: 'Password' };
const KNOWN = Object.keys(LABELS);
const PASSWORD_HINT = `At least ${PASSWORD_LENGTH.min} characters, not a common password, not containing their email or name.`;

interface Props {
  /** The person being edited; null adds someone. */
  person: User | null;
  departments: readonly DepartmentInfo[];
  /** Saved: the person as stored, and for a new person without a password their invitation link. */
  onSaved(user: User, inviteUrl?: string): void;
  onCancel(): void;
}

/** Adds a person (with a password, or an invitation link) or changes one's name, role, departments or password. */
export function PersonForm({ person, departments, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<PersonDraft>(() => (person ? draftFromUser(person) : newPersonDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function change(patch: Partial<PersonDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    const touched = Object.keys(patch).concat('access' in patch ? ['password'] : []);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = checkPersonDraft(draft, person);
    setErrors(problems);
    setFormError(Object.keys(problems).length ? (otherErrors(problems, KNOWN) ?? 'Some fields need attention.') : null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      if (person) {
        const patch = toPersonPatch(person, draft);
        onSaved(Object.keys(patch).length ? await adminApi.updatePerson(person.id, patch) : person);
      } else {
        const created = await adminApi.createPerson(toNewPerson(draft));
        onSaved(created.user, created.inviteUrl);
      }
    } catch (err) {
      // The last active admin cannot lose the role: the refusal belongs beside the role.
      const failed = failedWrite(err, { EMAIL_TAKEN: 'email', LAST_ADMIN: 'role' });
      setErrors(failed.fields);
      setFormError(otherErrors(failed.fields, KNOWN) ?? failed.message);
      setBusy(false);
    }
  }

  const field = (name: keyof typeof LABELS) => ({ name, label: LABELS[name], error: errors[name], labels: LABELS });
  const toggleDept = (key: string, on: boolean) =>
    change({ departments: on ? [...draft.departments, key] : draft.departments.filter((k) => k !== key) });
  return (
    <form className="person-form" onSubmit={submit} noValidate aria-label={person ? `Edit ${person.name}` : 'New person'}>
      <div className="form-grid">
        <Field {...field('name')}>
          {(p) => <input {...p} value={draft.name} disabled={busy} autoComplete="off" onChange={(e) => change({ name: e.target.value })} />}
        </Field>
        <Field {...field('email')} hint={person ? 'An email address cannot change.' : undefined}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={draft.email}
              disabled={busy}
              readOnly={!!person}
              autoComplete="off"
              onChange={(e) => change({ email: e.target.value })}
            />
          )}
        </Field>
        <Field {...field('role')}>
          {(p) => (
            <select {...p} value={draft.role} disabled={busy} onChange={(e) => change({ role: e.target.value as Role })}>
              <RoleOptions />
            </select>
          )}
        </Field>
        <fieldset className={`field checkbox-group ${errors.departments ? 'has-error' : ''}`} data-field="departments">
          <legend>Departments</legend>
          {departments.map((d) => (
            <label key={d.key} className="checkbox-line">
              <input
                type="checkbox"
                checked={draft.departments.includes(d.key)}
                disabled={busy}
                onChange={(e) => toggleDept(d.key, e.target.checked)}
              />
              {d.name}
            </label>
          ))}
          {errors.departments && (
            <span className="field-error" role="alert">
              {capitalise(errors.departments)}
            </span>
          )}
        </fieldset>
        {person ? (
          <Field
            {...field('password')}
            label="New password"
            optional
            hint={`Leave empty to keep the current password. ${PASSWORD_HINT} A new one signs them out everywhere.`}
          >
            {(p) => <PasswordInput control={p} value={draft.password} disabled={busy} onChange={(password) => change({ password })} />}
          </Field>
        ) : (
          <AccessFields draft={draft} busy={busy} error={errors.password} change={change} />
        )}
      </div>
      <FormFooter
        variant="dialog"
        error={formError}
        busy={busy}
        onCancel={onCancel}
        submitLabel={person ? 'Save changes' : 'Add person'}
        busyLabel="Saving…"
      />
    </form>
  );
}

function AccessFields({
  draft,
  busy,
  error,
  change,
}: {
  draft: PersonDraft;
  busy: boolean;
  error?: string;
  change(p: Partial<PersonDraft>): void;
}) {
  return (
    <fieldset className="field span-2 access">
      <legend>How they sign in the first time</legend>
      <label className="checkbox-line">
        <input
          type="radio"
          name="access"
          checked={draft.access === 'invite'}
          disabled={busy}
          onChange={() => change({ access: 'invite' })}
        />
        Give me an invitation link to send them (it works once and expires after {INVITE_HOURS} hours)
      </label>
      <label className="checkbox-line">
        <input
          type="radio"
          name="access"
          checked={draft.access === 'password'}
          disabled={busy}
          onChange={() => change({ access: 'password' })}
        />
        Set a first password now
      </label>
      {draft.access === 'password' && (
        <Field name="password" label="Password" error={error} hint={PASSWORD_HINT} labels={LABELS}>
          {(p) => <PasswordInput control={p} value={draft.password} disabled={busy} onChange={(password) => change({ password })} />}
        </Field>
      )}
    </fieldset>
  );
}

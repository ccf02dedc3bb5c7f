import { useEffect, useState } from 'react';
import { INVITE_HOURS, type Role, type User } from '@relay/shared';
import { adminApi, type DepartmentInfo, type PeopleQuery } from '../../api/admin';
import { ApiError, errorMessage } from '../../api/http';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { ErrorState, LoadingState } from '../../ui/states';
import { toast } from '../../ui/toast-store';
import { roleName } from '../../utils/card-summary';
import { capitalise } from './names';
import { RoleOptions } from './RoleOptions';
import { PersonForm } from './PersonForm';
import { useLoad } from './use-load';

interface Props {
  departments: readonly DepartmentInfo[];
  departmentNames: Record<string, string>;
  me: User;
}

type Editing = { person: User | null } | { invited: User; inviteUrl: string } | null;

/** Waits until typing pauses before searching. */
function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Everyone who can sign in (and who no longer can): search, add, edit, deactivate and reactivate. */
export function PeoplePanel({ departments, departmentNames, me }: Props) {
  const [query, setQuery] = useState<PeopleQuery>({ q: '', role: '', department: '' });
  const debounced = useDebounced(query);
  const people = useLoad(() => adminApi.people(debounced), JSON.stringify(debounced));
  const [editing, setEditing] = useState<Editing>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);

  function saved(user: User, inviteUrl?: string) {
    void people.reload();
    if (inviteUrl) setEditing({ invited: user, inviteUrl });
    else {
      setEditing(null);
      toast.success(`${user.name} was saved`);
    }
  }

  async function reactivate(user: User) {
    try {
      await adminApi.updatePerson(user.id, { active: true });
      toast.success(`${user.name} can sign in again`);
      void people.reload();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  return (
    <section className="panel people-panel" aria-labelledby="people-title">
      <header className="section-header">
        <h2 id="people-title">People</h2>
        <button type="button" className="button button-primary" onClick={() => setEditing({ person: null })}>
          Add person
        </button>
      </header>
      <div className="admin-filters" role="search">
        <label className="inline-field">
          <span className="visually-hidden">Search people</span>
          <input
            type="search"
            placeholder="Search by name or email"
            aria-label="Search people"
            value={query.q}
            onChange={(e) => setQuery({ ...query, q: e.target.value })}
          />
        </label>
        <label className="inline-field">
          <span className="muted small">Role</span>
          <select value={query.role} onChange={(e) => setQuery({ ...query, role: e.target.value as Role | '' })}>
            <RoleOptions empty="Any role" />
          </select>
        </label>
        <label className="inline-field">
          <span className="muted small">Department</span>
          <select value={query.department} onChange={(e) => setQuery({ ...query, department: e.target.value })}>
            <option value="">Any department</option>
            {departments.map((d) => (
              <option key={d.key} value={d.key}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {people.error && !people.data ? (
        <ErrorState text={`People could not be loaded: ${people.error}`} onRetry={() => void people.reload()} />
      ) : !people.data ? (
        <LoadingState text="Loading people…" />
      ) : people.data.length === 0 ? (
        <p className="muted">Nobody matches.</p>
      ) : (
        <table className="table admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Departments</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((u) => (
              <tr key={u.id} className={u.active === false ? 'is-inactive' : ''}>
                <th scope="row">
                  <span className="person-name">{u.name}</span>
                  <span className="muted small">{u.email}</span>
                </th>
                <td>{capitalise(roleName(u.role))}</td>
                <td>{u.departments.map((k) => departmentNames[k] ?? k).join(', ') || '—'}</td>
                <td>{u.active === false ? <span className="badge badge-inactive">Deactivated</span> : 'Active'}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Edit ${u.name}`}
                    onClick={() => setEditing({ person: u })}
                  >
                    Edit
                  </button>
                  {u.active === false ? (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Reactivate ${u.name}`}
                      onClick={() => void reactivate(u)}
                    >
                      Reactivate
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Deactivate ${u.name}`}
                      onClick={() => setDeactivating(u)}
                    >
                      Deactivate
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && 'inviteUrl' in editing ? (
        <Dialog key="invite" title={`${editing.invited.name} was added`} onClose={() => setEditing(null)}>
          <InviteLink user={editing.invited} url={editing.inviteUrl} onDone={() => setEditing(null)} />
        </Dialog>
      ) : editing ? (
        <Dialog
          title={editing.person ? `Edit ${editing.person.name}` : 'Add a person'}
          onClose={() => setEditing(null)}
          className="dialog-wide"
        >
          <PersonForm person={editing.person} departments={departments} onSaved={saved} onCancel={() => setEditing(null)} />
        </Dialog>
      ) : null}
      {deactivating && (
        <DeactivateDialog
          person={deactivating}
          isMe={deactivating.id === me.id}
          onClose={() => setDeactivating(null)}
          onDone={() => {
            setDeactivating(null);
            void people.reload();
          }}
        />
      )}
    </section>
  );
}

/** The one-time link for a person added without a password, to copy and send. */
export function InviteLink({ user, url, onDone }: { user: User; url: string; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      toast.error('Copying was not allowed: select the link and copy it yourself.');
    }
  }
  return (
    <div className="invite-link">
      <p>
        Send {user.name} this link. It lets them set their own password and sign in; it works once and expires after {INVITE_HOURS} hours,
        so send it soon. If it expires, edit the person and set a password for them.
      </p>
      <label className="field">
        <span>Invitation link</span>
        <input readOnly value={url} onFocus={(e) => e.target.select()} />
      </label>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy link'}
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Why a deactivation was refused: the last active admin's refusal says it all by itself. */
const deactivateError = (err: unknown) =>
  err instanceof ApiError && err.code === 'LAST_ADMIN' ? err.message : `Not deactivated: ${errorMessage(err)}`;

function DeactivateDialog({ person, isMe, onClose, onDone }: { person: User; isMe: boolean; onClose(): void; onDone(): void }) {
  async function deactivate() {
    await adminApi.updatePerson(person.id, { active: false });
    toast.success(`${person.name} was deactivated`);
    onDone();
  }
  return (
    <ConfirmDialog
      title={`Deactivate ${person.name}?`}
      confirmLabel="Deactivate"
      busyLabel="Deactivating…"
      onConfirm={deactivate}
      onClose={onClose}
      describeError={deactivateError}
    >
      <p>
        {person.name} is signed out everywhere at once and can no longer sign in. Cards, ticks and comments stay attributed to them, and you
        can reactivate them later.
      </p>
      {isMe && <p className="notice">This is you: you will be signed out too.</p>}
    </ConfirmDialog>
  );
}

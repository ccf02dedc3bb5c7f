import { useState, type FormEvent } from 'react';
import { departmentErrors } from '@relay/shared';
import { adminApi, type DepartmentInfo } from '../../api/admin';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { toast } from '../../ui/toast-store';
import { Field } from '../../ui/Field';
import { suggestKey } from './utils/department-key';
import { failedWrite, otherErrors, toFieldMap, type FieldErrors } from '../../ui/field-errors';

const LABELS = { key: 'Key', name: 'Name' };

interface Props {
  departments: readonly DepartmentInfo[];
  /** Reads the departments again after a change. */
  reload(): Promise<void>;
}

/** Departments: add, rename, and delete one that owns no lane. */
export function DepartmentsPanel({ departments, reload }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DepartmentInfo | null>(null);
  return (
    <section className="panel" aria-labelledby="departments-title">
      <header className="section-header">
        <h2 id="departments-title">Departments</h2>
      </header>
      <p className="muted small">A department that owns a lane cannot be deleted: give its lanes to another department first.</p>
      <table className="table admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col" className="num">
              Lanes owned
            </th>
            <th scope="col" className="num">
              Active members
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) =>
            renaming === d.key ? (
              <tr key={d.key}>
                <td colSpan={5}>
                  <DepartmentForm
                    department={d}
                    onDone={() => {
                      setRenaming(null);
                      void reload();
                    }}
                    onCancel={() => setRenaming(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={d.key}>
                <th scope="row">{d.name}</th>
                <td>
                  <code>{d.key}</code>
                </td>
                <td className="num">{d.lanes}</td>
                <td className="num">{d.members}</td>
                <td className="row-actions">
                  <button type="button" className="button button-small" aria-label={`Rename ${d.name}`} onClick={() => setRenaming(d.key)}>
                    Rename
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Delete ${d.name}`}
                    title={d.lanes > 0 ? `${d.name} owns ${d.lanes} lane(s)` : undefined}
                    disabled={d.lanes > 0}
                    onClick={() => setDeleting(d)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <h3 className="subheading">Add a department</h3>
      <DepartmentForm department={null} onDone={() => void reload()} />
      {deleting && (
        <DeleteDialog
          department={deleting}
          onClose={() => setDeleting(null)}
          onDone={() => {
            setDeleting(null);
            void reload();
          }}
        />
      )}
    </section>
  );
}

function DepartmentForm({ department, onDone, onCancel }: { department: DepartmentInfo | null; onDone(): void; onCancel?(): void }) {
  const creating = department === null;
  const [name, setName] = useState(department?.name ?? '');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownKey = keyTouched ? key : suggestKey(name);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { key: shownKey, name: name.trim() };
    const problems = toFieldMap(departmentErrors(input, creating));
    setErrors(problems);
    setFormError(otherErrors(problems, ['key', 'name']));
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      if (creating) await adminApi.createDepartment(input);
      else await adminApi.renameDepartment(department.key, input.name);
      toast.success(creating ? `${input.name} was added` : `${department.name} is now ${input.name}`);
      setName('');
      setKey('');
      setKeyTouched(false);
      onDone();
    } catch (err) {
      const failed = failedWrite(err);
      setErrors(failed.fields);
      setFormError(otherErrors(failed.fields, ['key', 'name']) ?? failed.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="department-form" onSubmit={submit} noValidate aria-label={creating ? 'New department' : `Rename ${department.name}`}>
      <div className="inline-fields">
        <Field name="name" label={creating ? 'Name' : `New name for ${department.name}`} error={errors.name} labels={LABELS}>
          {(p) => (
            <input
              {...p}
              value={name}
              disabled={busy}
              onChange={(e) => {
                setName(e.target.value);
                setErrors(({ name: _n, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        {creating && (
          <Field name="key" label="Key" error={errors.key} labels={LABELS} hint="Lowercase letters, digits or _; it cannot change later.">
            {(p) => (
              <input
                {...p}
                value={shownKey}
                disabled={busy}
                onChange={(e) => {
                  setKey(e.target.value);
                  setKeyTouched(true);
                  setErrors(({ key: _k, ...rest }) => rest);
                }}
              />
            )}
          </Field>
        )}
        <div className="inline-actions">
          {onCancel && (
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy}>
            {creating ? 'Add department' : 'Save name'}
          </button>
        </div>
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}

function DeleteDialog({ department, onClose, onDone }: { department: DepartmentInfo; onClose(): void; onDone(): void }) {
  async function remove() {
    await adminApi.deleteDepartment(department.key);
    toast.success(`${department.name} was deleted`);
    onDone();
  }
  return (
    <ConfirmDialog
      title={`Delete ${department.name}?`}
      confirmLabel="Delete department"
      busyLabel="Deleting…"
      onConfirm={remove}
      onClose={onClose}
    >
      <p>
        {department.members > 0
          ? `Its ${department.members} member(s) stay in Relay but are no longer in ${department.name}.`
          : `${department.name} has no members.`}
      </p>
    </ConfirmDialog>
  );
}

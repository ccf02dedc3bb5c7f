import { useState, type FormEvent } from 'react';
import { ITEM_KINDS, type ItemKind } from '@relay/shared';
import { FormFooter } from '../../ui/FormFooter';
import { Field } from '../../ui/Field';
import { KIND_NAMES } from './names';
import { RoleOptions } from './RoleOptions';
import { OptionsField } from './OptionsField';
import { failedWrite, otherErrors, type FieldErrors } from '../../ui/field-errors';
import { checkItemDraft, type ItemDraft } from './utils/item-draft';

const LABELS: Record<string, string> = {
  label: 'Label',
  kind: 'Kind',
  help: 'Help text',
  required: 'Required',
  role: 'Role',
  options: 'Options',
  rules: 'Rules',
  'rules.mustBe': 'The answer needed to pass',
  'rules.greaterThan': 'The lower limit',
  'rules.min': 'The minimum',
  'rules.pickRole': "The person's role",
  audience: 'Who answers it',
};
const KNOWN = Object.keys(LABELS);

interface Props {
  initial: ItemDraft;
  /** Editing an existing item: its kind is fixed. */
  editing?: boolean;
  /** Sends the draft; throws the server's refusal. */
  onSubmit(draft: ItemDraft): Promise<void>;
  onCancel(): void;
}

/** Adds or edits one checklist item: checked with the shared rules first; the server's field errors show beside their fields. */
export function ChecklistItemForm({ initial, editing = false, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState<ItemDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function change(patch: Partial<ItemDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    const touched = Object.keys(patch).flatMap((k) => [k, `rules.${k}`, ...(k === 'options' ? ['rules.mustBe'] : [])]);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k) && k !== 'rules')));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems = checkItemDraft(draft);
    setErrors(problems);
    setFormError(Object.keys(problems).length ? (otherErrors(problems, KNOWN) ?? 'Some fields need attention.') : null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await onSubmit(draft);
    } catch (err) {
      const failed = failedWrite(err, { ITEM_NOT_IN_LANE: 'label' });
      setErrors(failed.fields);
      setFormError(otherErrors(failed.fields, KNOWN) ?? failed.message);
      setBusy(false);
    }
  }

  const field = (name: string) => ({ name, label: LABELS[name]!, error: errors[name], labels: LABELS });
  return (
    <form className="item-form" onSubmit={submit} noValidate aria-label={editing ? `Edit ${initial.label}` : 'New checklist item'}>
      <div className="form-grid">
        <Field {...field('label')}>
          {(p) => <input {...p} value={draft.label} disabled={busy} onChange={(e) => change({ label: e.target.value })} />}
        </Field>
        <Field {...field('kind')} hint={editing ? 'A kind cannot change: retire the item and add a new one.' : undefined}>
          {(p) => (
            <select
              {...p}
              value={draft.kind}
              disabled={busy || editing}
              onChange={(e) => {
                const kind = e.target.value as ItemKind;
                change(kind === 'signoff' ? { kind, audience: 'customer' } : { kind });
              }}
            >
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_NAMES[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field {...field('help')} optional className="span-2" hint="Shown under the item on the card.">
          {(p) => <textarea {...p} rows={2} value={draft.help} disabled={busy} onChange={(e) => change({ help: e.target.value })} />}
        </Field>
        <Field {...field('role')} label="Who may complete it">
          {(p) => (
            <select {...p} value={draft.role} disabled={busy} onChange={(e) => change({ role: e.target.value as ItemDraft['role'] })}>
              <RoleOptions empty="Anyone who works the lane" suffix=" only" />
            </select>
          )}
        </Field>
        <div className="field field-check" data-field="required">
          <label>
            <input type="checkbox" checked={draft.required} disabled={busy} onChange={(e) => change({ required: e.target.checked })} />
            Required before a card may leave the lane
          </label>
          {errors.required && (
            <span className="field-error" role="alert">
              {errors.required}
            </span>
          )}
        </div>
        <div className="field field-check" data-field="audience">
          <label>
            <input
              type="checkbox"
              checked={draft.audience === 'customer'}
              disabled={busy || draft.kind === 'signoff'}
              onChange={(e) => change({ audience: e.target.checked ? 'customer' : 'team' })}
            />
            A request to the customer: they answer it on their tracker page (the team may still fill it for them)
          </label>
          {errors.audience && (
            <span className="field-error" role="alert">
              {errors.audience}
            </span>
          )}
        </div>
        <KindFields draft={draft} errors={errors} busy={busy} change={change} field={field} />
      </div>
      <FormFooter
        variant="form"
        error={formError}
        busy={busy}
        onCancel={onCancel}
        submitLabel={editing ? 'Save item' : 'Add item'}
        busyLabel="Saving…"
      />
    </form>
  );
}

interface KindProps {
  draft: ItemDraft;
  errors: FieldErrors;
  busy: boolean;
  change(patch: Partial<ItemDraft>): void;
  field(name: string): { name: string; label: string; error?: string; labels: Record<string, string> };
}

/** The settings only some kinds have: options and the answer to pass (choice), bounds (number), the person's role (person). */
function KindFields({ draft, errors, busy, change, field }: KindProps) {
  const rulesError = errors.rules && (
    <p className="field-error span-2" role="alert" data-field="rules">
      {errors.rules}
    </p>
  );
  if (draft.kind === 'choice')
    return (
      <>
        <OptionsField
          options={draft.options}
          error={errors.options}
          disabled={busy}
          onChange={(options) => change({ options, mustBe: options.includes(draft.mustBe) ? draft.mustBe : '' })}
        />
        <Field {...field('rules.mustBe')} label="To pass the gate the answer must be" optional>
          {(p) => (
            <select {...p} value={draft.mustBe} disabled={busy} onChange={(e) => change({ mustBe: e.target.value })}>
              <option value="">Any option</option>
              {draft.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          )}
        </Field>
        {rulesError}
      </>
    );
  if (draft.kind === 'number')
    return (
      <>
        <Field {...field('rules.greaterThan')} label="Must be greater than" optional>
          {(p) => (
            <input
              {...p}
              type="number"
              step="any"
              value={draft.greaterThan}
              disabled={busy}
              onChange={(e) => change({ greaterThan: e.target.value })}
            />
          )}
        </Field>
        <Field {...field('rules.min')} label="Must be at least" optional>
          {(p) => (
            <input {...p} type="number" step="any" value={draft.min} disabled={busy} onChange={(e) => change({ min: e.target.value })} />
          )}
        </Field>
        {rulesError}
      </>
    );
  if (draft.kind === 'user')
    return (
      <>
        <Field {...field('rules.pickRole')} label="Only people with the role" optional>
          {(p) => (
            <select
              {...p}
              value={draft.pickRole}
              disabled={busy}
              onChange={(e) => change({ pickRole: e.target.value as ItemDraft['pickRole'] })}
            >
              <RoleOptions empty="Any role" />
            </select>
          )}
        </Field>
        {rulesError}
      </>
    );
  return rulesError || null;
}

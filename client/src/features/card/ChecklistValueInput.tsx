import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isBusinessDate, validateValue, type Attachment, type ChecklistTemplateItem, type ItemValue } from '@relay/shared';
import { errorMessage } from '../../api/http';
import { SaveState } from '../../ui/SaveState';
import { useAutosave } from '../../ui/use-autosave';
import { editKey } from '../../ui/utils/kept-edit';
import { useSession } from '../auth/session-store';
import { FileValueInput } from './FileValueInput';
import { usePeople } from './use-people';

export type InputItem = Pick<ChecklistTemplateItem, 'id' | 'label' | 'kind' | 'options' | 'rules' | 'required'>;

export interface ChecklistValueInputProps {
  cardId: string;
  item: InputItem;
  value: ItemValue | null;
  disabled?: boolean;
  attachments?: readonly Attachment[];
  /** An error for this item from the server (400 `details.fields`), shown beside the input. */
  serverError?: string | null;
  onSave(value: ItemValue): Promise<void>;
  onClear?(): Promise<void>;
}

/** One checklist item's value, with the control its kind calls for; checked with the shared rules before saving. */
export function ChecklistValueInput(props: ChecklistValueInputProps) {
  const { item, value, disabled, serverError } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(serverError ?? null), [serverError]);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  /** Validates with the shared rules, then saves. */
  function save(candidate: unknown) {
    const problem = validateValue(item, candidate);
    if (problem) {
      setError(`${item.label} ${problem}`);
      return;
    }
    void run(() => props.onSave(candidate as ItemValue));
  }

  const off = disabled || busy;
  return (
    <div className="value-input" data-kind={item.kind}>
      <KindControl {...props} disabled={off} save={save} clear={() => props.onClear && void run(props.onClear)} />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      {busy && <span className="muted small">Saving…</span>}
      {value !== null && value !== undefined && !OWN_STATE.has(item.kind) && !error && !busy && (
        <span className="saved-mark" aria-label="Saved">
          ✓
        </span>
      )}
    </div>
  );
}

/** Kinds whose control says its own save state (autosaved text and numbers) or needs none (a tick). */
const OWN_STATE = new Set<string>(['check', 'text', 'number']);

interface ControlProps extends ChecklistValueInputProps {
  save(candidate: unknown): void;
  clear(): void;
}

function KindControl(p: ControlProps) {
  const { item, value, disabled } = p;
  switch (item.kind) {
    case 'check':
      return <CheckControl {...p} />;
    case 'text':
      return <DraftInput {...p} type="text" parse={(s) => s} />;
    case 'number':
      return <DraftInput {...p} type="number" parse={(s) => (s.trim() === '' ? null : Number(s))} />;
    case 'date':
      return <DateControl {...p} />;
    case 'choice':
      return (
        <select
          aria-label={item.label}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          onChange={(e) => e.target.value && p.save(e.target.value)}
        >
          <option value="">Choose…</option>
          {(item.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'user':
      return <PersonSelect {...p} />;
    case 'file': {
      const currentId = typeof value === 'string' ? value : null;
      const current = p.attachments?.find((a) => a.id === currentId) ?? null;
      return (
        <FileValueInput
          cardId={p.cardId}
          itemId={item.id}
          label={item.label}
          current={current}
          currentId={currentId}
          disabled={disabled}
          onUploaded={(a) => p.onSave(a.id)}
        />
      );
    }
    case 'signoff':
      return <SignoffControl {...p} />;
  }
}

/**
 * The customer's sign-off, recorded by the team for them (e.g. accepted in writing by email): the name of
 * the person who accepted, and a confirmation. The customer signs on their tracker page themselves.
 */
function SignoffControl(p: ControlProps) {
  const signed = typeof p.value === 'object' && p.value !== null ? p.value : null;
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  if (signed) return <span className="value-text value-done">✓ Accepted by {signed.name}</span>;
  return (
    <form
      className="inline-form signoff-form"
      onSubmit={(e) => {
        e.preventDefault();
        p.save({ name: name.trim(), accepted: true });
      }}
    >
      <input
        type="text"
        aria-label={`${p.item.label}: name of the person who accepted`}
        placeholder="Name of the person who accepted"
        value={name}
        disabled={p.disabled}
        onChange={(e) => setName(e.target.value)}
      />
      <label className="small">
        <input type="checkbox" checked={confirmed} disabled={p.disabled} onChange={(e) => setConfirmed(e.target.checked)} /> They accepted
        in writing
      </label>
      <button type="submit" className="button button-small" disabled={p.disabled || !confirmed || name.trim() === ''}>
        Record
      </button>
    </form>
  );
}

/** Shows the tick at once while it is saved; the saved value takes over when it arrives (or the save fails). */
function CheckControl(p: ControlProps) {
  const saved = p.value === true;
  const [shown, setShown] = useState(saved);
  // Once no save is running, show what is saved (reverting a tick the server refused).
  useEffect(() => {
    if (!p.disabled) setShown(saved);
  }, [p.disabled, saved]);
  return (
    <input
      type="checkbox"
      aria-label={p.item.label}
      checked={shown}
      disabled={p.disabled}
      onChange={(e) => {
        setShown(e.target.checked);
        if (e.target.checked) p.save(true);
        else p.clear();
      }}
    />
  );
}

/** How long a complete date waits for more keystrokes (the day being retyped) before it is saved. */
export const DATE_SETTLE_MS = 700;

/**
 * An <input type=date> fires change on every keystroke, with partial years (0002-05-14 on the way to 2026):
 * a date is saved only once it is complete and between 1900 and 2199 (isBusinessDate) and typing has paused,
 * or when the field is left. Leaving it with an incomplete or implausible date shows why, and saves nothing.
 */
function DateControl(p: ControlProps) {
  const saved = typeof p.value === 'string' ? p.value : '';
  const [draft, setDraft] = useState(saved);
  useEffect(() => setDraft(saved), [saved]);
  const pending = useRef<{ value: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const saveRef = useRef(p.save);
  saveRef.current = p.save;
  const flush = () => {
    const due = pending.current;
    pending.current = null;
    if (!due) return;
    clearTimeout(due.timer);
    saveRef.current(due.value);
  };
  // Leaving the drawer mid-pause still saves the complete date.
  useEffect(() => () => flush(), []);
  const change = (next: string) => {
    setDraft(next);
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    if (next !== saved && isBusinessDate(next)) pending.current = { value: next, timer: setTimeout(flush, DATE_SETTLE_MS) };
  };
  const leave = () => {
    if (pending.current) return flush();
    if (draft !== '' && draft !== saved) p.save(draft); // refused with the reason by the shared rule
  };
  return (
    <input
      type="date"
      aria-label={p.item.label}
      min="1900-01-01"
      max="2199-12-31"
      value={draft}
      disabled={p.disabled}
      onChange={(e) => change(e.target.value)}
      onBlur={leave}
      onKeyDown={(e) => e.key === 'Enter' && leave()}
    />
  );
}

/**
 * Text and number items save themselves once typing pauses (and on Enter or Save), say so ("Saving…",
 * "Saved", "Not saved — … Retry"), and keep what was typed in this browser until the server has it: closing
 * the card mid-word saves it, a reload restores it. Emptying the box clears the item.
 */
function DraftInput(p: ControlProps & { type: 'text' | 'number'; parse(s: string): unknown }) {
  const userId = useSession((s) => s.user?.id ?? null);
  const initial = p.value === null || p.value === undefined ? '' : String(p.value);
  const { item, onSave, onClear, parse } = p;
  const auto = useAutosave<string>({
    storageKey: userId ? editKey(userId, p.cardId, item.id) : null,
    saved: initial,
    problem: (draft) => {
      if (draft.trim() === '' && onClear && initial !== '') return null;
      const problem = validateValue(item, parse(draft));
      return problem ? `${item.label} ${problem}` : null;
    },
    save: (draft) => (draft.trim() === '' && onClear && initial !== '' ? onClear() : onSave(parse(draft) as ItemValue)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    auto.flush();
  };
  const shownError = auto.status === 'invalid' || auto.status === 'failed' ? auto.error : null;
  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <input
          type={p.type}
          inputMode={p.type === 'number' ? 'decimal' : undefined}
          step={p.type === 'number' ? 'any' : undefined}
          aria-label={item.label}
          aria-invalid={shownError ? true : undefined}
          value={auto.draft}
          disabled={p.disabled}
          onChange={(e) => auto.set(e.target.value)}
          onBlur={() => auto.status === 'pending' && auto.flush()}
        />
        <button
          type="submit"
          className="button button-small"
          disabled={p.disabled || auto.draft === initial}
          aria-label={`Save ${item.label}`}
        >
          Save
        </button>
      </form>
      <SaveState status={auto.status} label={item.label} onRetry={auto.flush} onDiscard={auto.discard} />
      {shownError && (
        <span className="field-error" role="alert">
          {shownError}
        </span>
      )}
    </>
  );
}

function PersonSelect(p: ControlProps) {
  const { people, loading, error } = usePeople(p.item.rules?.pickRole);
  const value = typeof p.value === 'string' ? p.value : '';
  return (
    <select
      aria-label={p.item.label}
      value={value}
      disabled={p.disabled || loading}
      onChange={(e) => e.target.value && p.save(e.target.value)}
    >
      <option value="">{loading ? 'Loading people…' : error ? error : 'Choose a person…'}</option>
      {value && !people.some((u) => u.id === value) && <option value={value}>Current person</option>}
      {people.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}

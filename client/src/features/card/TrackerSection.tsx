import { useEffect, useState, type FormEvent } from 'react';
import { RISK_FLAGS, TOUCH_CHANNELS, validateTracker, type Card, type RiskFlag } from '@relay/shared';
import type { CardPatch } from '../../api/cards';
import { ApiError, errorMessage } from '../../api/http';
import { usePipelineNow } from '../../realtime/clock';
import { toast } from '../../ui/toast-store';
import { dueState, formatDue } from '../../utils/due';
import { usePeople } from './use-people';
import './handoffs.css';

interface TrackerDraft {
  riskFlag: RiskFlag;
  riskReason: string;
  nextText: string;
  nextOwner: string;
  nextDue: string;
  /** Show the next action on the customer's tracker page. */
  nextVisible?: boolean;
  touchAt: string;
  touchChannel: string;
}

/** The shared rule's messages, said the way the form asks. */
const FRIENDLY: Record<string, string> = {
  riskReason: 'Say why the onboarding is at risk',
  'nextAction.text': 'Describe the next action',
  'lastTouch.at': 'When was the customer last contacted?',
};

function draftOf(card: Card): TrackerDraft {
  return {
    riskFlag: card.riskFlag,
    riskReason: card.riskReason ?? '',
    nextText: card.nextAction?.text ?? '',
    nextOwner: card.nextAction?.ownerId ?? '',
    nextDue: card.nextAction?.due?.slice(0, 10) ?? '',
    nextVisible: card.nextAction?.customerVisible === true,
    touchAt: card.lastTouch?.at?.slice(0, 10) ?? '',
    touchChannel: card.lastTouch?.channel ?? '',
  };
}

/** Only the tracker fields that differ from the card's (an unchanged field is not rewritten). */
export function changedTracker(card: Card, next: CardPatch): CardPatch {
  const before = trackerPatch(draftOf(card), {}) ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (JSON.stringify(v) !== JSON.stringify((before as Record<string, unknown>)[k])) out[k] = v;
  }
  return out as CardPatch;
}

/**
 * The tracker fields as a PATCH; null when the shared rule (`validateTracker`, which the server
 * applies too) refuses them, with the problems in `errors` by field.
 */
export function trackerPatch(d: TrackerDraft, errors: Record<string, string>): CardPatch | null {
  const next = d.nextText.trim();
  const patch: CardPatch = {
    riskFlag: d.riskFlag,
    // A green flag needs no reason; the reason is left out rather than sent as null.
    ...(d.riskFlag === 'green' ? {} : { riskReason: d.riskReason.trim() }),
    // An owner or due date without the action itself is kept, so the rule can ask for the words.
    nextAction:
      next || d.nextOwner || d.nextDue
        ? { text: next, ownerId: d.nextOwner || null, due: d.nextDue || null, ...(d.nextVisible ? { customerVisible: true } : {}) }
        : null,
    lastTouch: d.touchAt || d.touchChannel ? { at: d.touchAt, channel: d.touchChannel || 'other' } : null,
  };
  for (const e of validateTracker(patch)) if (!(e.field in errors)) errors[e.field] = FRIENDLY[e.field] ?? e.message;
  return Object.keys(errors).length > 0 ? null : patch;
}

/** Risk flag, next action and last customer touch: what an onboarding lead lives by. */
export function TrackerSection({ card, canEdit, patch }: { card: Card; canEdit: boolean; patch(p: CardPatch): Promise<Card> }) {
  const [draft, setDraft] = useState(() => draftOf(card));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { people } = usePeople(null);
  const nowMs = usePipelineNow();
  useEffect(() => setDraft(draftOf(card)), [card]);
  const set = (p: Partial<TrackerDraft>) => setDraft((d) => ({ ...d, ...p }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    const body = trackerPatch(draft, found);
    setErrors(found);
    if (!body) return;
    const changes = changedTracker(card, body);
    if (Object.keys(changes).length === 0) return;
    setBusy(true);
    try {
      await patch(changes);
      toast.success('Tracker saved');
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'VERSION_CONFLICT') {
        const fields = err.fieldErrors();
        setErrors(fields);
        if (Object.keys(fields).length === 0) toast.error(err.message);
      } else if (!(err instanceof ApiError)) toast.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const err = (k: string) =>
    errors[k] && (
      <span className="field-error" role="alert">
        {errors[k]}
      </span>
    );
  const off = !canEdit || busy;
  return (
    <form className="tracker" onSubmit={submit} noValidate aria-label="Tracker">
      <fieldset className="risk-flags" disabled={off}>
        <legend>Risk flag</legend>
        {RISK_FLAGS.map((f) => (
          <label key={f} className={`risk-option risk-${f}`}>
            <input type="radio" name="riskFlag" value={f} checked={draft.riskFlag === f} onChange={() => set({ riskFlag: f })} />
            {f}
          </label>
        ))}
      </fieldset>
      {draft.riskFlag !== 'green' && (
        <label className="field">
          <span>Why at risk</span>
          <textarea
            rows={2}
            value={draft.riskReason}
            disabled={off}
            aria-invalid={!!errors.riskReason}
            onChange={(e) => set({ riskReason: e.target.value })}
          />
          {err('riskReason')}
        </label>
      )}
      <div className="form-grid">
        <label className="field span-2">
          <span>Next action</span>
          <input
            value={draft.nextText}
            disabled={off}
            aria-invalid={!!errors['nextAction.text']}
            onChange={(e) => set({ nextText: e.target.value })}
          />
          {err('nextAction.text') || err('nextAction')}
        </label>
        <label className="field-check span-2">
          <input
            type="checkbox"
            checked={draft.nextVisible === true}
            disabled={off}
            onChange={(e) => set({ nextVisible: e.target.checked })}
          />
          <span>Show the next action to the customer on their tracker page</span>
        </label>
        <label className="field">
          <span>Next action owner</span>
          <select value={draft.nextOwner} disabled={off} onChange={(e) => set({ nextOwner: e.target.value })}>
            <option value="">Nobody yet</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err('nextAction.ownerId')}
        </label>
        <label className="field">
          <span>Next action due</span>
          <input type="date" value={draft.nextDue} disabled={off} onChange={(e) => set({ nextDue: e.target.value })} />
          {err('nextAction.due')}
          {dueState(draft.nextDue, nowMs) === 'overdue' && (
            <span className="due-overdue">Overdue: was due {formatDue(draft.nextDue, nowMs)}</span>
          )}
        </label>
        <label className="field">
          <span>Last customer touch</span>
          <input
            type="date"
            value={draft.touchAt}
            disabled={off}
            aria-invalid={!!errors['lastTouch.at']}
            onChange={(e) => set({ touchAt: e.target.value })}
          />
          {err('lastTouch.at') || err('lastTouch')}
        </label>
        <label className="field">
          <span>Channel</span>
          <select value={draft.touchChannel} disabled={off} onChange={(e) => set({ touchChannel: e.target.value })}>
            <option value="">—</option>
            {draft.touchChannel && !TOUCH_CHANNELS.includes(draft.touchChannel as never) && (
              <option value={draft.touchChannel}>{draft.touchChannel}</option>
            )}
            {TOUCH_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {canEdit && (
        <div className="form-actions">
          <button type="submit" className="button button-primary button-small" disabled={busy}>
            {busy ? 'Saving…' : 'Save tracker'}
          </button>
        </div>
      )}
    </form>
  );
}

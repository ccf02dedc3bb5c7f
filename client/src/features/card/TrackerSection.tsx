import { useRef, useState, type FormEvent } from 'react';
import { RISK_FLAGS, TOUCH_CHANNELS, validateTracker, type Card, type RiskFlag } from '@relay/shared';
import type { CardPatch } from '../../api/cards';
import { isApiError } from '../../api/http';
import { usePipelineNow } from '../../realtime/clock';
import { Field } from '../../ui/Field';
import { failedWrite } from '../../ui/field-errors';
import { SaveState } from '../../ui/SaveState';
import { useAutosave } from '../../ui/use-autosave';
import { editKey } from '../../ui/utils/kept-edit';
import { useSession } from '../auth/session-store';
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

const LABELS = {
  riskReason: 'Why at risk',
  'nextAction.text': 'Next action',
  'nextAction.ownerId': 'Next action owner',
  'nextAction.due': 'Next action due',
  'lastTouch.at': 'Last customer touch',
  'lastTouch.channel': 'Channel',
};

/** The field that shows an error about a whole value. */
const WHOLE: Partial<Record<keyof typeof LABELS, string>> = { 'nextAction.text': 'nextAction', 'lastTouch.at': 'lastTouch' };

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

/** The first reason the shared rule (or an incomplete date) gives for not sending the draft yet. */
function trackerProblem(d: TrackerDraft): string | null {
  const found: Record<string, string> = {};
  return trackerPatch(d, found) ? null : (Object.values(found)[0] ?? null);
}

/**
 * Risk flag, next action and last customer touch: what an onboarding lead lives by. Saved once typing pauses
 * (only the fields that changed; dates once they are complete real days), kept in this browser until the
 * server has them; someone else's change meanwhile keeps what was typed and asks for a retry.
 */
export function TrackerSection({ card, canEdit, patch }: { card: Card; canEdit: boolean; patch(p: CardPatch): Promise<Card> }) {
  const userId = useSession((s) => s.user?.id ?? null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const { people } = usePeople(null);
  const nowMs = usePipelineNow();
  const cardRef = useRef(card);
  cardRef.current = card;
  const auto = useAutosave<TrackerDraft>({
    storageKey: canEdit && userId ? editKey(userId, card.id, 'tracker') : null,
    saved: draftOf(card),
    problem: trackerProblem,
    save: async (d) => {
      const body = trackerPatch(d, {});
      if (!body) return;
      const changes = changedTracker(cardRef.current, body);
      if (Object.keys(changes).length === 0) return;
      try {
        await patch(changes);
        setServerErrors({});
      } catch (err) {
        // A conflict shows the other person's version under what was typed (use-card, useAutosave).
        if (!(isApiError(err) && err.code === 'VERSION_CONFLICT')) setServerErrors(failedWrite(err).fields);
        throw err;
      }
    },
  });
  const draft = auto.draft;
  const set = (p: Partial<TrackerDraft>) => {
    setSubmitted(false);
    auto.set({ ...draft, ...p });
  };
  // The rule's complaints show once the draft was held back (a pause in typing, Save) — not at every keystroke.
  const ruleErrors: Record<string, string> = {};
  if (auto.status === 'invalid' || submitted) trackerPatch(draft, ruleErrors);
  const errors = { ...serverErrors, ...ruleErrors };

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    auto.flush();
  }

  const field = (name: keyof typeof LABELS, className?: string) => ({
    name,
    label: LABELS[name],
    labels: LABELS,
    className,
    // A message about the whole value ("nextAction must …") belongs to its main field.
    error: errors[name] ?? (name in WHOLE ? errors[WHOLE[name]!] : undefined),
  });
  const off = !canEdit;
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
        <Field {...field('riskReason')} required>
          {(control) => (
            <textarea {...control} rows={2} value={draft.riskReason} disabled={off} onChange={(e) => set({ riskReason: e.target.value })} />
          )}
        </Field>
      )}
      <div className="form-grid">
        <Field {...field('nextAction.text', 'span-2')}>
          {(control) => <input {...control} value={draft.nextText} disabled={off} onChange={(e) => set({ nextText: e.target.value })} />}
        </Field>
        <label className="field-check span-2">
          <input
            type="checkbox"
            checked={draft.nextVisible === true}
            disabled={off}
            onChange={(e) => set({ nextVisible: e.target.checked })}
          />
          <span>Show the next action to the customer on their tracker page</span>
        </label>
        <Field {...field('nextAction.ownerId')}>
          {(control) => (
            <select {...control} value={draft.nextOwner} disabled={off} onChange={(e) => set({ nextOwner: e.target.value })}>
              <option value="">Nobody yet</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          {...field('nextAction.due')}
          hint={
            dueState(draft.nextDue, nowMs) === 'overdue' && (
              <span className="due-overdue">Overdue: was due {formatDue(draft.nextDue, nowMs)}</span>
            )
          }
        >
          {(control) => (
            <input {...control} type="date" value={draft.nextDue} disabled={off} onChange={(e) => set({ nextDue: e.target.value })} />
          )}
        </Field>
        <Field {...field('lastTouch.at')}>
          {(control) => (
            <input {...control} type="date" value={draft.touchAt} disabled={off} onChange={(e) => set({ touchAt: e.target.value })} />
          )}
        </Field>
        <Field {...field('lastTouch.channel')}>
          {(control) => (
            <select {...control} value={draft.touchChannel} disabled={off} onChange={(e) => set({ touchChannel: e.target.value })}>
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
          )}
        </Field>
      </div>
      {canEdit && (
        <div className="form-actions">
          <SaveState
            status={auto.status}
            error={Object.keys(serverErrors).length === 0 ? auto.error : null}
            label="the tracker"
            onRetry={auto.flush}
            onDiscard={auto.discard}
          />
          <button type="submit" className="button button-primary button-small" disabled={auto.status === 'saving'}>
            Save tracker
          </button>
        </div>
      )}
    </form>
  );
}

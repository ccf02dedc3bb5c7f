import { useState, type FormEvent } from 'react';
import { validateSalesForm, type Card } from '@relay/shared';
import type { CardPatch } from '../../api/cards';
import { isApiError } from '../../api/http';
import { failedWrite, toFieldMap } from '../../ui/field-errors';
import { toast } from '../../ui/toast-store';
import { SalesFields } from '../new-card/SalesFields';
import { changedFields, draftFrom, toSalesForm, type SalesDraft } from '../new-card/utils/sales-draft';

/** The sales form's details; editable in place by those allowed. */
export function DetailsSection({ card, canEdit, patch }: { card: Card; canEdit: boolean; patch(p: CardPatch): Promise<Card> }) {
  const [draft, setDraft] = useState<SalesDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const changes = changedFields(card, toSalesForm(draft));
    const problems = toFieldMap(validateSalesForm(changes, true));
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(changes).length === 0) return setDraft(null);
    setBusy(true);
    try {
      await patch(changes);
      setDraft(null);
      toast.success('Details saved');
    } catch (err) {
      // A conflict already shows the other person's version (use-card).
      if (isApiError(err) && err.code === 'VERSION_CONFLICT') return;
      const failed = failedWrite(err);
      setErrors(failed.fields);
      if (Object.keys(failed.fields).length === 0 && failed.message) toast.error(failed.message);
    } finally {
      setBusy(false);
    }
  }

  if (draft) {
    return (
      <form onSubmit={submit} noValidate aria-label="Edit details">
        <SalesFields draft={draft} errors={errors} disabled={busy} onChange={(p) => setDraft({ ...draft, ...p })} />
        <div className="form-actions">
          <button type="button" className="button button-small" onClick={() => (setDraft(null), setErrors({}))} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary button-small" disabled={busy}>
            {busy ? 'Saving…' : 'Save details'}
          </button>
        </div>
      </form>
    );
  }
  const rows: [string, string | null | undefined][] = [
    ['Contact', card.contactName],
    ['Email', card.contactEmail],
    ['Phone', card.contactPhone],
    ['Service address', card.serviceAddress],
    ['Contract start', card.contractStartDate],
    ['Contract value', card.contractValue === null || card.contractValue === undefined ? null : card.contractValue.toLocaleString()],
    ['Services', card.services?.join(', ')],
    ['Special conditions', card.specialConditions],
    ['Notes', card.notes],
  ];
  return (
    <div>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} className="fact">
            <dt>{k}</dt>
            <dd>{v || <span className="muted">—</span>}</dd>
          </div>
        ))}
      </dl>
      {canEdit && (
        <button type="button" className="button button-small" onClick={() => setDraft(draftFrom(card))}>
          Edit details
        </button>
      )}
    </div>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { Card, CardSummary } from '@relay/shared';
import { cardsApi } from '../../api/cards';
import { isApiError } from '../../api/http';
import { failedWrite } from '../../ui/field-errors';
import { FormFooter } from '../../ui/FormFooter';
import { openCard } from '../../utils/url-state';
import { DuplicateWarning } from './DuplicateWarning';
import { SalesFields } from './SalesFields';
import { clearDraft, loadDraft, saveDraft } from './utils/kept-draft';
import { EMPTY_DRAFT, checkDraft, toSalesForm, type SalesDraft } from './utils/sales-draft';

interface Props {
  onCreated(card: Card): void;
  onCancel(): void;
  /** Whose half-filled form to keep in this browser (none: nothing is kept). */
  draftOwner?: string;
}

/** The sales rep's new-customer form. Checked with the shared rules first; the server's field errors show beside their fields. */
const storage = () => (typeof window === 'undefined' ? undefined : window.localStorage);

export function NewCardForm({ onCreated, onCancel, draftOwner }: Props) {
  // What was typed survives Escape, a click outside and a reload: kept per person until created or discarded.
  const [restored] = useState(() => (draftOwner ? loadDraft(storage(), draftOwner) : null));
  const [draft, setDraft] = useState<SalesDraft>(restored ?? EMPTY_DRAFT);
  useEffect(() => {
    if (draftOwner) saveDraft(storage(), draftOwner, draft);
  }, [draft, draftOwner]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<CardSummary[] | null>(null);

  function change(patch: Partial<SalesDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    if (patch.customerName !== undefined) setDuplicates(null);
    const cleared = Object.keys(patch);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !cleared.includes(k))));
  }

  async function submit(e: FormEvent | null, allowDuplicate = false) {
    e?.preventDefault();
    setFormError(null);
    setDuplicates(null);
    const problems = checkDraft(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setFormError('Some fields need attention.');
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const card = await cardsApi.create(toSalesForm(draft), undefined, allowDuplicate);
      if (draftOwner) clearDraft(storage(), draftOwner);
      onCreated(card);
    } catch (err) {
      if (isApiError(err) && err.code === 'POSSIBLE_DUPLICATE') {
        setDuplicates(err.details.cards);
        return;
      }
      const failed = failedWrite(err);
      setErrors(failed.fields);
      setFormError(failed.message);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-card-form" onSubmit={submit} noValidate aria-label="New onboarding">
      {restored && (
        <p className="notice draft-notice" role="status">
          Your unfinished form was kept.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (draftOwner) clearDraft(storage(), draftOwner);
              setDraft(EMPTY_DRAFT);
              setErrors({});
            }}
          >
            Discard it
          </button>
        </p>
      )}
      <SalesFields draft={draft} errors={errors} onChange={change} disabled={busy} />
      {duplicates && (
        <DuplicateWarning
          cards={duplicates}
          busy={busy}
          onCreateAnyway={() => void submit(null, true)}
          onOpen={(id) => {
            onCancel();
            openCard(id);
          }}
        />
      )}
      <FormFooter
        variant="dialog"
        as="footer"
        error={formError}
        busy={busy}
        onCancel={onCancel}
        submitLabel="Create onboarding"
        busyLabel="Creating…"
      />
    </form>
  );
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.new-card-form [aria-invalid="true"]')?.focus());
}

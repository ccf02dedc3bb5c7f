import { useState } from 'react';
import { failedWrite, otherErrors, type FieldErrors } from './field-errors';

export interface PatchForm<P> {
  errors: FieldErrors;
  /** The message above the buttons: errors of fields the form has no place for, or the server's refusal. */
  formError: string | null;
  busy: boolean;
  /** Forgets the errors of fields just edited. */
  clearErrors(fields: readonly string[]): void;
  /**
   * Sends `prepared.patch` with `write` unless the form's own check found errors or nothing changed; a refusal
   * lands on its fields (failedWrite). Resolves true when the write went through.
   */
  save(prepared: { patch: P; errors: FieldErrors }, write: (patch: P) => Promise<void>): Promise<boolean>;
}

/** The state of an edit form that sends only what changed (a PATCH): its field errors, message and busy flag. */
export function usePatchForm<P extends object>(known: readonly string[]): PatchForm<P> {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearErrors = (fields: readonly string[]) =>
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))));

  async function save(prepared: { patch: P; errors: FieldErrors }, write: (patch: P) => Promise<void>): Promise<boolean> {
    setFormError(null);
    setErrors(prepared.errors);
    if (Object.keys(prepared.errors).length) {
      setFormError(otherErrors(prepared.errors, known) ?? 'Some fields need attention.');
      return false;
    }
    if (Object.keys(prepared.patch).length === 0) {
      setFormError('Nothing to save: change a field first.');
      return false;
    }
    setBusy(true);
    try {
      await write(prepared.patch);
      return true;
    } catch (err) {
      const failed = failedWrite(err);
      setErrors(failed.fields);
      setFormError(otherErrors(failed.fields, known) ?? failed.message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { errors, formError, busy, clearErrors, save };
}

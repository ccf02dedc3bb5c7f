import type { FieldError } from '@relay/shared';
import { errorMessage, isApiError } from '../api/http';

/** A form's errors: field name → the first message for it. */
export type FieldErrors = Record<string, string>;

/** Field errors keyed by field (first message wins), as forms show them: from the shared rules or a server's `details.fields`. */
export function toFieldMap(errors: readonly FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) if (!(e.field in out)) out[e.field] = e.message;
  return out;
}

/** "label must be 1 to 200 characters" → "Label must be 1 to 200 characters", with the form's name for the field. */
export function readable(field: string, message: string, labels: Record<string, string>): string {
  const name = labels[field];
  // The server names a nested field either in full ("rules.mustBe must …") or by its last part ("mustBe must …").
  for (const prefix of [field, field.split('.').pop() ?? field]) {
    if (name && message.startsWith(`${prefix} `)) return `${name}${message.slice(prefix.length)}`;
  }
  return message.charAt(0).toUpperCase() + message.slice(1);
}

export interface FailedWrite {
  fields: FieldErrors;
  /** What to say above the buttons: the server's message, a pointer to the fields, or null when the field says it all. */
  message: string | null;
}

/**
 * The one mapping from a refused write to a form: the server's field errors beside their fields, codes that
 * belong to a field (e.g. EMAIL_TAKEN → email) placed there too, and the message for the rest.
 */
export function failedWrite(err: unknown, codeFields: Record<string, string> = {}): FailedWrite {
  if (!isApiError(err)) return { fields: {}, message: errorMessage(err) };
  const fields = err.fieldErrors();
  const codeField = codeFields[err.code];
  if (codeField && !(codeField in fields)) fields[codeField] = err.message;
  if (codeField) return { fields, message: null };
  return { fields, message: Object.keys(fields).length > 0 ? 'The server refused some fields.' : err.message };
}

/** Errors of fields a form has no place for, as one line. */
export function otherErrors(errors: FieldErrors, known: readonly string[]): string | null {
  const rest = Object.entries(errors).filter(([k]) => !known.includes(k));
  return rest.length ? rest.map(([, m]) => m).join('; ') : null;
}

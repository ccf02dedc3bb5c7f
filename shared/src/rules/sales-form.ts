import type { FieldError } from '../errors.js';
import type { SalesForm } from '../domain.js';
import { businessDateError } from './values.js';

// A pragmatic address check: something@domain.tld, no spaces.
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL_RE.test(value);
}

const LIMITS = { short: 200, long: 5000 };

/** The largest contract value Relay stores (a numeric(14,2) column). */
/** The sales form's fields, in the form's order: what a card's details edit may change. */
export const SALES_FORM_FIELDS = [
  'customerName',
  'contactName',
  'contactEmail',
  'contactPhone',
  'serviceAddress',
  'contractStartDate',
  'contractValue',
  'services',
  'specialConditions',
  'notes',
] as const satisfies readonly (keyof SalesForm)[];

export const CONTRACT_VALUE_MAX = 999_999_999_999.99;

function requireText(errors: FieldError[], field: string, value: unknown, max = LIMITS.short): void {
  if (typeof value !== 'string' || value.trim() === '') errors.push({ field, message: `${field} is required` });
  else if (value.length > max) errors.push({ field, message: `${field} must be at most ${max} characters` });
}

function optionalText(errors: FieldError[], field: string, value: unknown, max = LIMITS.long): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') errors.push({ field, message: `${field} must be a string` });
  else if (value.length > max) errors.push({ field, message: `${field} must be at most ${max} characters` });
}

/**
 * The sales form's rules, shared by the new-onboarding form and the server.
 * With `partial`, only the fields present are checked (a PATCH).
 */
export function validateSalesForm(input: Partial<Record<keyof SalesForm, unknown>>, partial = false): FieldError[] {
  const errors: FieldError[] = [];
  const has = (k: keyof SalesForm) => !partial || input[k] !== undefined;
  if (has('customerName')) requireText(errors, 'customerName', input.customerName);
  if (has('contactName')) requireText(errors, 'contactName', input.contactName);
  if (has('contactEmail')) {
    if (typeof input.contactEmail !== 'string' || input.contactEmail.trim() === '')
      errors.push({ field: 'contactEmail', message: 'contactEmail is required' });
    else if (!isEmail(input.contactEmail)) errors.push({ field: 'contactEmail', message: 'contactEmail must be an email address' });
  }
  optionalText(errors, 'contactPhone', input.contactPhone, 40);
  if (has('serviceAddress')) requireText(errors, 'serviceAddress', input.serviceAddress, 500);
  const startError = has('contractStartDate') ? businessDateError(input.contractStartDate) : null;
  if (startError) errors.push({ field: 'contractStartDate', message: `contractStartDate ${startError}` });
  const value = input.contractValue;
  if (value !== undefined && value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    errors.push({ field: 'contractValue', message: 'contractValue must be a number of at least 0' });
  } else if (typeof value === 'number' && value > CONTRACT_VALUE_MAX) {
    errors.push({ field: 'contractValue', message: `contractValue must be at most ${CONTRACT_VALUE_MAX}` });
  }
  if (has('services')) {
    const s = input.services;
    if (!Array.isArray(s) || s.length === 0) errors.push({ field: 'services', message: 'services must list at least one service' });
    else if (s.some((x) => typeof x !== 'string' || x.trim() === '' || x.length > LIMITS.short))
      errors.push({ field: 'services', message: 'each service must be a non-empty string' });
  }
  optionalText(errors, 'specialConditions', input.specialConditions);
  optionalText(errors, 'notes', input.notes);
  return errors;
}

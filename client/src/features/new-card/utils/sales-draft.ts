import { SALES_FORM_FIELDS, validateSalesForm, type SalesForm } from '@relay/shared';
import { toFieldMap } from '../../../ui/field-errors';

/** The sales form as typed: every input a string, services a list. */
export interface SalesDraft {
  customerName: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  serviceAddress: string;
  contractStartDate: string;
  contractValue: string;
  services: string[];
  specialConditions: string;
  notes: string;
}

export const EMPTY_DRAFT: SalesDraft = {
  customerName: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  serviceAddress: '',
  contractStartDate: '',
  contractValue: '',
  services: [],
  specialConditions: '',
  notes: '',
};

export function draftFrom(form: SalesForm): SalesDraft {
  return {
    customerName: form.customerName ?? '',
    contactName: form.contactName ?? '',
    contactEmail: form.contactEmail ?? '',
    contactPhone: form.contactPhone ?? '',
    serviceAddress: form.serviceAddress ?? '',
    contractStartDate: form.contractStartDate ?? '',
    contractValue: form.contractValue === null || form.contractValue === undefined ? '' : String(form.contractValue),
    services: [...(form.services ?? [])],
    specialConditions: form.specialConditions ?? '',
    notes: form.notes ?? '',
  };
}

/** The request body: text trimmed, empty optional fields left out, the value as a number. */
export function toSalesForm(d: SalesDraft): SalesForm {
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const value = d.contractValue.trim();
  const form: SalesForm = {
    customerName: d.customerName.trim(),
    contactName: d.contactName.trim(),
    contactEmail: d.contactEmail.trim(),
    serviceAddress: d.serviceAddress.trim(),
    contractStartDate: d.contractStartDate.trim(),
    services: d.services.map((s) => s.trim()).filter((s) => s !== ''),
  };
  const phone = opt(d.contactPhone);
  if (phone !== undefined) form.contactPhone = phone;
  if (value !== '') form.contractValue = Number(value);
  const special = opt(d.specialConditions);
  if (special !== undefined) form.specialConditions = special;
  const notes = opt(d.notes);
  if (notes !== undefined) form.notes = notes;
  return form;
}

/** Validates the draft with the shared sales-form rules. */
export function checkDraft(d: SalesDraft): Record<string, string> {
  return toFieldMap(validateSalesForm(toSalesForm(d)));
}

/** Only the fields that differ from `before`, for a PATCH. */
export function changedFields(before: SalesForm, after: SalesForm): Partial<SalesForm> {
  const out: Partial<SalesForm> = {};
  for (const k of SALES_FORM_FIELDS) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) (out as Record<string, unknown>)[k] = after[k] ?? null;
  }
  return out;
}

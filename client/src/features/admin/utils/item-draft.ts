import {
  checklistItemErrors,
  itemShapeErrors,
  type ChecklistTemplateItem,
  type ItemAudience,
  type ItemKind,
  type ItemRules,
  type Role,
} from '@relay/shared';
import type { ItemPatch, NewItem } from '../../../api/admin';
import { toFieldMap, type FieldErrors } from '../../../ui/field-errors';

/** The checklist item form as typed: numbers stay text until checked, '' means "none". */
export interface ItemDraft {
  label: string;
  kind: ItemKind;
  help: string;
  required: boolean;
  role: Role | '';
  options: string[];
  /** choice: the option the gate needs. */
  mustBe: string;
  /** number: the value must be greater than this. */
  greaterThan: string;
  /** number: the value must be at least this. */
  min: string;
  /** user: the person picked must have this role. */
  pickRole: Role | '';
  /** `customer`: a request the customer answers through their tracker link. */
  audience: ItemAudience;
}

export function emptyDraft(kind: ItemKind = 'check'): ItemDraft {
  return {
    label: '',
    kind,
    help: '',
    required: true,
    role: '',
    options: [],
    mustBe: '',
    greaterThan: '',
    min: '',
    pickRole: '',
    audience: kind === 'signoff' ? 'customer' : 'team',
  };
}

export function draftFromItem(item: ChecklistTemplateItem): ItemDraft {
  const r = item.rules ?? {};
  return {
    label: item.label,
    kind: item.kind,
    help: item.help ?? '',
    required: item.required,
    role: item.role ?? '',
    options: item.options ?? [],
    mustBe: r.mustBe ?? '',
    greaterThan: r.greaterThan === undefined ? '' : String(r.greaterThan),
    min: r.min === undefined ? '' : String(r.min),
    pickRole: r.pickRole ?? '',
    audience: item.audience ?? 'team',
  };
}

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The rules the draft sets, only those its kind uses; null when none. */
export function draftRules(d: ItemDraft): ItemRules | null {
  const rules: ItemRules = {};
  if (d.kind === 'number') {
    const gt = num(d.greaterThan);
    const min = num(d.min);
    if (gt !== undefined) rules.greaterThan = gt;
    if (min !== undefined) rules.min = min;
  }
  if (d.kind === 'choice' && d.mustBe) rules.mustBe = d.mustBe;
  if (d.kind === 'user' && d.pickRole) rules.pickRole = d.pickRole;
  return Object.keys(rules).length > 0 ? rules : null;
}

const draftOptions = (d: ItemDraft): string[] | null => (d.kind === 'choice' ? d.options : null);

/** The draft's problems with the shared rules the server applies, keyed by the server's field names. */
export function checkItemDraft(d: ItemDraft): FieldErrors {
  const shape = { kind: d.kind, options: draftOptions(d), rules: draftRules(d) };
  return toFieldMap([
    ...checklistItemErrors({ label: d.label, help: d.help || null, role: d.role || null, ...shape }),
    // Who answers it: a sign-off is the customer's, a person of the team is not theirs to pick.
    ...itemShapeErrors({ ...shape, audience: d.audience }).filter((e) => e.field === 'audience' || e.field === 'kind'),
  ]);
}

/** `POST /api/lanes/:id/checklist`: empty fields left out. */
export function toNewItem(d: ItemDraft): NewItem {
  const item: NewItem = { label: d.label.trim(), kind: d.kind, required: d.required };
  if (d.help.trim()) item.help = d.help.trim();
  if (d.role) item.role = d.role;
  const options = draftOptions(d);
  if (options) item.options = options;
  const rules = draftRules(d);
  if (rules) item.rules = rules;
  if (d.audience === 'customer') item.audience = 'customer';
  return item;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** `PATCH /api/checklist-items/:id`: only what the draft changes; null clears. Empty when nothing changed. */
export function toItemPatch(item: ChecklistTemplateItem, d: ItemDraft): ItemPatch {
  const patch: ItemPatch = {};
  if (d.label.trim() !== item.label) patch.label = d.label.trim();
  if (d.required !== item.required) patch.required = d.required;
  const help = d.help.trim() || null;
  if (help !== (item.help ?? null)) patch.help = help;
  const role = d.role || null;
  if (role !== (item.role ?? null)) patch.role = role;
  const options = draftOptions(d);
  if (!same(options, item.options)) patch.options = options;
  const rules = draftRules(d);
  if (!same(rules, item.rules)) patch.rules = rules;
  if (d.audience !== (item.audience ?? 'team')) patch.audience = d.audience;
  return patch;
}

import type { ChecklistTemplateItem, ItemKind, ItemRules, Role } from '../domain.js';
import { ROLES } from '../domain.js';
import type { FieldError } from '../errors.js';

type ItemShape = Pick<ChecklistTemplateItem, 'kind' | 'options' | 'rules'> & { audience?: ChecklistTemplateItem['audience'] };

/** Which rules make sense for which kind, and that a choice has options to choose from. */
export function itemShapeErrors(item: ItemShape): FieldError[] {
  const errors: FieldError[] = [];
  const rules: ItemRules = item.rules ?? {};
  if (item.kind === 'choice' && (!item.options || item.options.length < 2))
    errors.push({ field: 'options', message: 'options must list at least 2 choices for a choice item' });
  if (item.kind !== 'choice' && item.options?.length)
    errors.push({ field: 'options', message: `options only apply to choice items, not ${item.kind}` });
  if (item.options && new Set(item.options).size !== item.options.length)
    errors.push({ field: 'options', message: 'options must be different from each other' });
  if ((rules.greaterThan !== undefined || rules.min !== undefined) && item.kind !== 'number')
    errors.push({ field: 'rules', message: 'greaterThan and min apply to number items only' });
  if (rules.mustBe !== undefined && (item.kind !== 'choice' || !item.options?.includes(rules.mustBe)))
    errors.push({ field: 'rules.mustBe', message: 'mustBe must be one of the options of a choice item' });
  if (rules.pickRole !== undefined && item.kind !== 'user')
    errors.push({ field: 'rules.pickRole', message: 'pickRole applies to person items only' });
  if (item.kind === 'signoff' && item.audience !== undefined && item.audience !== 'customer')
    errors.push({ field: 'audience', message: "a sign-off is the customer's: its audience must be customer" });
  if (item.audience === 'customer' && item.kind === 'user')
    errors.push({ field: 'kind', message: 'a request to the customer cannot ask for a person of the team' });
  return errors;
}

/** Length limits of a checklist template item, as the admin endpoints enforce them. */
export const ITEM_LIMITS = { label: 200, help: 500, option: 100, options: 30 } as const;

export interface ChecklistItemInput {
  label?: string;
  kind: ItemKind;
  help?: string | null;
  role?: Role | null;
  options?: string[] | null;
  rules?: ItemRules | null;
}

/**
 * Everything the server checks about a checklist item the admin writes: label, help, role, options and
 * the kind's shape. `partial` (an edit) checks only the label when one is sent.
 */
export function checklistItemErrors(input: ChecklistItemInput, partial = false): FieldError[] {
  const errors: FieldError[] = [];
  if (!partial || input.label !== undefined) {
    const label = input.label ?? '';
    if (label.trim() === '' || label.length > ITEM_LIMITS.label)
      errors.push({ field: 'label', message: `label must be 1 to ${ITEM_LIMITS.label} characters` });
  }
  if (input.help && input.help.length > ITEM_LIMITS.help)
    errors.push({ field: 'help', message: `help must be at most ${ITEM_LIMITS.help} characters` });
  if (input.role && !ROLES.includes(input.role)) errors.push({ field: 'role', message: `role must be one of ${ROLES.join(', ')}` });
  const options = input.options;
  if (options && options.some((o) => o.trim() === '' || o.length > ITEM_LIMITS.option))
    errors.push({ field: 'options', message: `each option must be 1 to ${ITEM_LIMITS.option} characters` });
  if (options && options.length > ITEM_LIMITS.options)
    errors.push({ field: 'options', message: `options must list at most ${ITEM_LIMITS.options} choices` });
  const rules = input.rules ?? {};
  for (const key of ['greaterThan', 'min'] as const) {
    const v = rules[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
      errors.push({ field: `rules.${key}`, message: `rules.${key} must be a number` });
  }
  if (rules.pickRole !== undefined && !ROLES.includes(rules.pickRole))
    errors.push({ field: 'rules.pickRole', message: `rules.pickRole must be one of ${ROLES.join(', ')}` });
  return [...errors, ...itemShapeErrors({ kind: input.kind, options: options ?? null, rules: input.rules ?? null })];
}

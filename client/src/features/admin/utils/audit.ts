import type { AuditEntry } from '@relay/shared';
import { isRecord } from '../../../utils/is-record';

export interface Change {
  field: string;
  before: string;
  after: string;
}

type Names = Record<string, string>;

/** A value as one line of text: lists joined, objects as `key: value`, known ids by name, nothing as "—". */
export function showValue(v: unknown, names: Names = {}): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(x, names)).join(', ') : '—';
  if (typeof v === 'object')
    return (
      Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${showValue(x, names)}`)
        .join('; ') || '—'
    );
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'string' ? (names[v] ?? v) : String(v);
}

/** The fields an entry changed, before and after (a list, e.g. a new checklist order, is one change). */
export function auditChanges(entry: Pick<AuditEntry, 'before' | 'after'>, names: Names = {}): Change[] {
  // A creation has nothing before and a deletion nothing after: compare field by field with an empty record.
  const before = entry.before == null && isRecord(entry.after) ? {} : entry.before;
  const after = entry.after == null && isRecord(entry.before) ? {} : entry.after;
  if (!isRecord(before) || !isRecord(after)) {
    const [b, a] = [showValue(before, names), showValue(after, names)];
    return b === a ? [] : [{ field: '', before: b, after: a }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .map((field) => ({ field, before: showValue(before[field], names), after: showValue(after[field], names) }))
    .filter((c) => c.before !== c.after);
}

/** Setting names as the screens call them. */
const FIELDS: Record<string, string> = {
  timeLimitHours: 'time limit (hours)',
  department: 'owning department',
  help: 'help text',
  role: 'who may complete it',
  rules: 'rules',
  '': 'order',
};

export function fieldName(field: string): string {
  return FIELDS[field] ?? field;
}

const ACTIONS: Record<string, string> = {
  create: 'added',
  update: 'changed',
  retire: 'retired',
  rename: 'renamed',
  delete: 'deleted',
  reorder_checklist: 'reordered the checklist of',
};

const ENTITIES: Record<string, string> = { lane: 'lane', checklist_item: 'checklist item', department: 'department' };

/** "changed lane Accounting", "retired checklist item Billing contact confirmed". */
export function describeAudit(entry: AuditEntry, names: Names = {}): string {
  const action = ACTIONS[entry.action] ?? entry.action.replace(/_/g, ' ');
  const entity = ENTITIES[entry.entity] ?? entry.entity.replace(/_/g, ' ');
  const label = [entry.after, entry.before].map((v) => (isRecord(v) && typeof v.label === 'string' ? v.label : null)).find(Boolean);
  const name = names[entry.entityId] ?? label ?? entry.entityId;
  return `${action} ${entity} ${name}`;
}

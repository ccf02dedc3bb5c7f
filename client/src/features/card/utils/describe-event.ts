import { isUuid, type CardEvent } from '@relay/shared';

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function laneOf(v: unknown): string | null {
  if (typeof v === 'string') return v.replace(/_/g, ' ');
  if (v && typeof v === 'object' && 'name' in v && typeof v.name === 'string') return v.name;
  return null;
}

function shownValue(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.length > 60) return null;
  return isUuid(v) ? null : v;
}

/** "riskFlag" → "risk flag". */
function fieldName(f: string): string {
  return f.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** One line for the activity timeline, from whatever the event's data carries. */
export function describeEvent(e: CardEvent): string {
  const d = e.data ?? {};
  const label = str(d.label) ?? str(d.itemLabel) ?? 'an item';
  switch (e.type) {
    case 'created':
      return 'created the onboarding';
    case 'moved': {
      const from = str(d.fromName) ?? laneOf(d.from);
      return `moved it ${from ? `from ${from} ` : ''}to ${str(d.toName) ?? laneOf(d.to) ?? 'the next lane'}`;
    }
    case 'sent_back':
      return `sent it back to ${str(d.toName) ?? laneOf(d.to) ?? 'an earlier lane'}${str(d.reason) ? `: “${str(d.reason)}”` : ''}`;
    case 'move_undone':
      return `undid the move: back to ${str(d.toName) ?? laneOf(d.to) ?? 'the lane it came from'}`;
    case 'checklist_set': {
      const value = shownValue(d.to);
      return value ? `set ${label} to ${value}` : `completed ${label}`;
    }
    case 'checklist_cleared':
      return `cleared ${label}`;
    case 'updated': {
      const fields = Array.isArray(d.fields)
        ? d.fields.filter((f): f is string => typeof f === 'string')
        : d.changes && typeof d.changes === 'object'
          ? Object.keys(d.changes)
          : [];
      return fields.length > 0 ? `changed ${fields.map(fieldName).join(', ')}` : 'edited the card';
    }
    case 'comment':
      return `commented: “${str(d.body) ?? '…'}”`;
    case 'attachment':
      return `attached ${str(d.name) ?? 'a file'}`;
    case 'nudged':
      return 'nudged the owners: the card is overdue';
    case 'escalated':
      return 'escalated to senior managers';
    case 'reminded':
      return `sent a reminder${str(d.label) ? ` about ${str(d.label)}` : ''}`;
    case 'picked_up':
      return 'picked it up';
    case 'shared':
      return `shared the card with the customer${str(d.emailedTo) ? ` (emailed to ${str(d.emailedTo)})` : ''}${d.replaced ? ', replacing the previous link' : ''}`;
    case 'share_revoked':
      return "revoked the customer's link";
    default:
      return String(e.type).replace(/_/g, ' ');
  }
}

/** Who did it: the person, the customer (through their tracker link), or Relay itself. */
export function eventActor(e: CardEvent): string {
  if (e.actor) return e.actor.name;
  const customer = str(e.data?.customer);
  return customer ? `${customer} (customer)` : 'Relay';
}

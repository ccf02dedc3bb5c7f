import type { FieldError } from '../errors.js';
import { RISK_FLAGS } from '../domain.js';
import { businessDateError, isBusinessDateOrTime, isUuid } from './values.js';

export const TOUCH_CHANNELS = ['email', 'phone', 'meeting', 'visit', 'video', 'other'] as const;

export interface TrackerInput {
  riskFlag?: unknown;
  riskReason?: unknown;
  nextAction?: unknown;
  lastTouch?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The tracker fields' rules (risk flag with reason, next action, last touch), for the drawer and the server. */
export function validateTracker(input: TrackerInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.riskFlag !== undefined) {
    if (!RISK_FLAGS.includes(input.riskFlag as never))
      errors.push({ field: 'riskFlag', message: `riskFlag must be one of ${RISK_FLAGS.join(', ')}` });
    else if (input.riskFlag !== 'green' && (typeof input.riskReason !== 'string' || input.riskReason.trim() === '')) {
      errors.push({ field: 'riskReason', message: `riskReason is required when the risk flag is ${input.riskFlag}` });
    }
  }
  const na = input.nextAction;
  if (na !== undefined && na !== null) {
    if (!isObject(na))
      errors.push({ field: 'nextAction', message: 'nextAction must be an object {text, ownerId, due, customerVisible} or null' });
    else {
      const extra = Object.keys(na).filter((k) => !['text', 'ownerId', 'due', 'customerVisible'].includes(k));
      if (extra.length) errors.push({ field: 'nextAction', message: `nextAction does not accept ${extra.join(', ')}` });
      if (typeof na.text !== 'string' || na.text.trim() === '' || na.text.length > 500)
        errors.push({ field: 'nextAction.text', message: 'nextAction.text is required (at most 500 characters)' });
      if (na.ownerId !== undefined && na.ownerId !== null && !isUuid(na.ownerId))
        errors.push({ field: 'nextAction.ownerId', message: 'nextAction.ownerId must be a user id' });
      const dueError = na.due === undefined || na.due === null ? null : businessDateError(na.due);
      if (dueError) errors.push({ field: 'nextAction.due', message: `nextAction.due ${dueError}` });
      if (na.customerVisible !== undefined && typeof na.customerVisible !== 'boolean')
        errors.push({ field: 'nextAction.customerVisible', message: 'nextAction.customerVisible must be true or false' });
    }
  }
  const lt = input.lastTouch;
  if (lt !== undefined && lt !== null) {
    if (!isObject(lt)) errors.push({ field: 'lastTouch', message: 'lastTouch must be an object {at, channel} or null' });
    else {
      const extra = Object.keys(lt).filter((k) => !['at', 'channel'].includes(k));
      if (extra.length) errors.push({ field: 'lastTouch', message: `lastTouch does not accept ${extra.join(', ')}` });
      if (!isBusinessDateOrTime(lt.at))
        errors.push({
          field: 'lastTouch.at',
          message: 'lastTouch.at must be a date written YYYY-MM-DD or a full ISO-8601 time (2026-11-20T14:30:00Z), between 1900 and 2199',
        });
      if (!TOUCH_CHANNELS.includes(lt.channel as never))
        errors.push({ field: 'lastTouch.channel', message: `lastTouch.channel must be one of ${TOUCH_CHANNELS.join(', ')}` });
    }
  }
  return errors;
}

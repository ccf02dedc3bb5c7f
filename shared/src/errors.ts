import type { Card, CardSummary, MissingItem, UserRef } from './domain.js';

/** Error codes of the HTTP contract and the status each answers with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_VALUE: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  /** A state-changing request (or a socket) from a page of another origin. */
  CROSS_ORIGIN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  CHECKLIST_INCOMPLETE: 409,
  EMAIL_TAKEN: 409,
  LAST_ADMIN: 409,
  ITEM_NOT_IN_LANE: 409,
  DEPARTMENT_IN_USE: 409,
  ALREADY_PICKED_UP: 409,
  /** A card that is not closed has the same customer name (`details.cards`); `allowDuplicate: true` creates anyway. */
  POSSIBLE_DUPLICATE: 409,
  /** The database refused a duplicate that no more specific code describes (logged on the server). */
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_TRANSITION: 422,
  TOO_MANY_ATTEMPTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The database cannot be reached (restarting, down): try again after `Retry-After` seconds. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Field errors carried in `details.fields` of a 400. */
export interface FieldError {
  field: string;
  message: string;
}

/** `details` of a 400 that names its bad fields. */
export interface FieldErrors {
  fields: FieldError[];
}

/**
 * The shape of `details` for each error code (API.md), read from the server's throw sites: `undefined` where a
 * code carries none, `| undefined` where only some of its answers do (a 400 from the body parser, a 409 from a
 * concurrent unique violation). Adding a code to ERROR_STATUS without an entry here fails the type check.
 */
export interface ErrorDetailsMap {
  VALIDATION_FAILED: FieldErrors | undefined;
  INVALID_VALUE: FieldErrors;
  WEAK_PASSWORD: FieldErrors;
  UNAUTHENTICATED: undefined;
  /** Only a wrong current password on the password change names its field. */
  INVALID_CREDENTIALS: FieldErrors | undefined;
  FORBIDDEN: undefined;
  CROSS_ORIGIN: { origin: string };
  NOT_FOUND: undefined;
  /** The card as it is now and who last changed it; absent when a concurrent write lost at the database. */
  VERSION_CONFLICT: { card: Card; changedBy: UserRef | null; changedAt: string | null } | undefined;
  /** A unique constraint no other code names refused the row (logged on the server). */
  CONFLICT: undefined;
  CHECKLIST_INCOMPLETE: { missing: MissingItem[] };
  EMAIL_TAKEN: undefined;
  LAST_ADMIN: undefined;
  ITEM_NOT_IN_LANE: undefined;
  DEPARTMENT_IN_USE: undefined;
  ALREADY_PICKED_UP: undefined;
  POSSIBLE_DUPLICATE: { cards: CardSummary[] };
  GONE: undefined;
  PAYLOAD_TOO_LARGE: undefined;
  UNSUPPORTED_MEDIA_TYPE: undefined;
  INVALID_TRANSITION: undefined;
  TOO_MANY_ATTEMPTS: undefined;
  RATE_LIMITED: undefined;
  INTERNAL: undefined;
  UNAVAILABLE: undefined;
  DATABASE_UNAVAILABLE: undefined;
}

export type ErrorDetails<C extends ErrorCode> = ErrorDetailsMap[C];

/** The error body of one code, with its details typed. */
export interface ErrorBodyOf<C extends ErrorCode> {
  statusCode: number;
  code: C;
  message: string;
  details: ErrorDetails<C>;
}

/** Any error body, discriminated by `code`: `if (body.code === 'CHECKLIST_INCOMPLETE') body.details.missing`. */
export type TypedErrorBody = { [C in ErrorCode]: ErrorBodyOf<C> }[ErrorCode];

/** True for a string that is one of the contract's error codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

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

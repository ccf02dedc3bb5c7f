import { ERROR_STATUS, type ErrorCode } from '@relay/shared';

/** Thrown by services; the exception filter turns it into the error shape of API.md. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { fields: [{ field, message }] });

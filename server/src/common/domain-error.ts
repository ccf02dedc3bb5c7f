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

/** A 400 listing each bad field, or nothing when the list is empty. */
export function assertNoFieldErrors(errors: { field: string; message: string }[]): void {
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { fields: errors });
}

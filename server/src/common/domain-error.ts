import { ERROR_STATUS, type ErrorCode, type ErrorDetails } from '@relay/shared';

/** Thrown by services; the exception filter turns it into the error shape of API.md. */
class CodedError extends Error {
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

/** A code's details: required where the contract always carries them, of the shape shared's ErrorDetailsMap gives. */
type DetailsArg<C extends ErrorCode> = undefined extends ErrorDetails<C> ? [details?: ErrorDetails<C>] : [details: ErrorDetails<C>];

/** `new DomainError(code, message, details)` type-checks the details against the code. */
export const DomainError = CodedError as new <C extends ErrorCode>(code: C, message: string, ...details: DetailsArg<C>) => CodedError;
export type DomainError = CodedError;

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { fields: [{ field, message }] });

/** A 400 listing each bad field, or nothing when the list is empty. */
export function assertNoFieldErrors(errors: { field: string; message: string }[]): void {
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors.map((e) => e.message).join('; '), { fields: errors });
}

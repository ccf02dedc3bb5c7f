import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@relay/shared';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseStatus } from './database-status.js';
import { DomainError } from './domain-error.js';

/** The status → code a framework error (not a DomainError) is reported with. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const CONCURRENT: ErrorBody = {
  statusCode: 409,
  code: 'VERSION_CONFLICT',
  message: 'A concurrent change got there first; reload and try again',
};

/**
 * What a unique violation (23505) means, by the constraint or unique index that refused the row (names as in
 * database/schema). Where a service checks first, the database still decides between two requests at once.
 */
const UNIQUE_VIOLATIONS: Readonly<Record<string, ErrorBody>> = {
  // Two requests creating people with one address (UsersService checks first; the index decides).
  users_email_key: { statusCode: 409, code: 'EMAIL_TAKEN', message: 'The email address is already in use' },
  // Rows written as "delete, then insert" or "check, then insert" by two requests at once: the later one retries.
  user_departments_pkey: CONCURRENT,
  checklist_values_pkey: CONCURRENT,
  lanes_pipeline_id_position_key: CONCURRENT,
  board_events_seq_idx: CONCURRENT,
};

/** PostgreSQL error classes that mean the request carried a bad value, not that Relay broke. */
const PG_BAD_INPUT = /^(22|23502|23503|23514)/;

/** Turns every error into the shape of API.md: `{statusCode, code, message, details}`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly database: DatabaseStatus) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    // An outage is logged once by DatabaseStatus, not with a stack per request.
    if (body.statusCode >= 500 && body.code !== 'DATABASE_UNAVAILABLE')
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (res.headersSent) return;
    if (body.code === 'DATABASE_UNAVAILABLE') res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    res.status(body.statusCode).json(body);
  }

  toBody(error: unknown): ErrorBody {
    if (!(error instanceof DomainError) && !(error instanceof HttpException) && this.database.check(error))
      return {
        statusCode: ERROR_STATUS.DATABASE_UNAVAILABLE,
        code: 'DATABASE_UNAVAILABLE',
        message: `The database is unavailable; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds`,
      };
    if (error instanceof DomainError)
      return { statusCode: ERROR_STATUS[error.code], code: error.code, message: error.message, details: error.details };
    // body-parser's parse error reaches here wrapped in a BadRequestException (as its cause) by the Express adapter.
    const parseError = [error, error instanceof HttpException ? error.cause : undefined].find(
      (e) => (e as { type?: unknown } | undefined)?.type === 'entity.parse.failed',
    );
    if (parseError) {
      const message = `body: malformed JSON (${String((parseError as Error).message)})`;
      return {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message,
        details: { fields: [{ field: 'body', message: 'body is not valid JSON' }] },
      };
    }
    if (error instanceof HttpException) return fromHttpException(error);
    if (error instanceof QueryFailedError) {
      const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
      // A safety net behind the validation: the database's own words (tables, constraints) stay in the log.
      if (PG_BAD_INPUT.test(code)) {
        this.logger.warn(`refused by the database (${code}): ${error.message}`);
        return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A value in the request is not valid' };
      }
      if (code === '23505') {
        const constraint = (error.driverError as { constraint?: string }).constraint ?? '';
        const known = UNIQUE_VIOLATIONS[constraint];
        if (known) return known;
        // A constraint without a meaning here: a bug to fix, so it is logged (the body keeps the database's words out).
        this.logger.warn(`unique violation of ${constraint || 'an unnamed constraint'}: ${error.message}`);
        return { statusCode: 409, code: 'CONFLICT', message: 'The change conflicts with data already stored' };
      }
      if (code === '40001' || code === '40P01') return { ...CONCURRENT, message: 'A concurrent change got there first; try again' };
    }
    const httpish = error as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
    const status = Number(httpish?.status ?? httpish?.statusCode);
    if (status >= 400 && status < 500) {
      // body-parser and multer errors: bodies too large, bad encodings.
      const message = String(httpish.message ?? 'Bad request');
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED', message };
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side' };
  }
}

function fromHttpException(error: HttpException): ErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
  if (typeof response === 'object' && response !== null) {
    const r = response as { message?: unknown; code?: ErrorCode; details?: unknown };
    const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? error.message);
    return { statusCode: status, code: r.code ?? code, message, details: r.details };
  }
  return { statusCode: status, code, message: String(response) };
}

import {
  BadRequestException,
  type ArgumentMetadata,
  Injectable,
  type PipeTransform,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import type { FieldError } from '@relay/shared';
import { isUuid } from '@relay/shared';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: e.constraints?.whitelistValidation ? `${field} is not an accepted field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

const badRequest = (field: string, message: string) =>
  new BadRequestException({ code: 'VALIDATION_FAILED', message, details: { fields: [{ field, message }] } });

/** How deep a request body may nest; Relay's deepest (a tracker field) is two levels. */
export const MAX_BODY_DEPTH = 16;

/** Node 20 has String.prototype.isWellFormed (ES2024); the compiler's lib here is ES2023. */
const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function textProblem(v: string, path: string): FieldError | null {
  if (v.includes('\u0000')) return { field: path, message: `${path} must not contain NUL characters` };
  // A lone UTF-16 surrogate (JSON's "\ud800") is no text at all: validators throw on it, PostgreSQL stores U+FFFD.
  if (!wellFormed(v)) return { field: path, message: `${path} must be well-formed text (it holds a lone UTF-16 surrogate)` };
  return null;
}

/**
 * What no DTO can refuse, found without recursion in one pass over the value: nesting deep enough to
 * overflow the stack of class-transformer (a 500), NUL characters, which PostgreSQL cannot store in text
 * or jsonb, and ill-formed strings (values or field names).
 */
export function inputProblem(value: unknown, root: string): FieldError | null {
  if (typeof value === 'string') return textProblem(value, root);
  if (typeof value !== 'object' || value === null) return null;
  const pending: [unknown, string, number][] = [[value, root, 0]];
  while (pending.length) {
    const [v, path, depth] = pending.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v, path);
      if (problem) return problem;
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_BODY_DEPTH) return { field: root, message: `${root} is nested too deeply (at most ${MAX_BODY_DEPTH} levels)` };
      for (const [k, child] of Object.entries(v)) {
        if (!wellFormed(k)) return { field: path, message: `${path} has a field name that is not well-formed text` };
        pending.push([child, path === root ? k : `${path}.${k}`, depth + 1]);
      }
    }
  }
  return null;
}

/** The global pipe: refuses what the DTOs cannot see, then validates against them. */
class RelayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      metadata.metatype &&
      value !== undefined &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw badRequest('body', 'body must be a JSON object');
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = inputProblem(value, metadata.type === 'param' ? (metadata.data ?? 'param') : metadata.type);
      if (problem) throw badRequest(problem.field, problem.message);
    }
    return super.transform(value, metadata);
  }
}

/** Global body validation: types from the DTOs, unknown fields refused, errors name each field. */
export function relayValidationPipe(): ValidationPipe {
  return new RelayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: fields.map((f) => f.message).join('; ') || 'The request body is not valid',
        details: { fields },
      });
    },
  });
}

/** `:id`-style params must be UUIDs: a malformed one is a 400 naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) {
      const field = metadata.data ?? 'id';
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `${field} must be a UUID`,
        details: { fields: [{ field, message: `${field} must be a UUID` }] },
      });
    }
    return value;
  }
}

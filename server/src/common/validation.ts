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

/** Global body validation: types from the DTOs, unknown fields refused, errors name each field. */
export function relayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

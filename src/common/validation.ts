import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  value: unknown;
  rules: string[];
}

/** Flattens class-validator errors into `{field, value, rules}` a person can act on. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints
      ? [{ field, value: e.value, rules: Object.values(e.constraints) }]
      : [];
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}

/** The global pipe: unknown fields are rejected, known ones converted to their DTO types. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `请求参数有误: ${details.map((d) => `${d.field} (${d.rules.join('; ')})`).join(', ')}`,
        errors: details,
      });
    },
  });
}

import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  value: unknown;
  rules: string[];
}

/** Longest string echoed back in a validation error. */
export const MAX_ECHOED_STRING = 200;
/** Most field errors listed in one response (the rest are counted). */
export const MAX_LISTED_ERRORS = 50;

/**
 * The rejected value as echoed in an error: short strings, numbers, booleans and null as they
 * are; long strings cut to MAX_ECHOED_STRING characters; arrays and objects only summarised, so
 * an error response stays small whatever was sent.
 */
export function echoValue(value: unknown): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    return value.length <= MAX_ECHOED_STRING
      ? value
      : `${value.slice(0, MAX_ECHOED_STRING)}…（共 ${value.length} 字符 / ${value.length} characters）`;
  }
  if (Array.isArray(value)) return `array of ${value.length} items（${value.length} 项的数组）`;
  if (typeof value === 'object') {
    return `object with ${Object.keys(value).length} fields（含 ${Object.keys(value).length} 个字段的对象）`;
  }
  return String(value).slice(0, MAX_ECHOED_STRING);
}

/** Flattens class-validator errors into `{field, value, rules}` a person can act on. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const stack: Array<[ValidationError, string]> = errors
    .map((e): [ValidationError, string] => [e, prefix])
    .reverse();
  while (stack.length > 0) {
    const [e, base] = stack.pop()!;
    const field = base ? `${base}.${e.property}` : e.property;
    if (e.constraints) {
      out.push({ field, value: echoValue(e.value), rules: Object.values(e.constraints) });
    }
    const children = e.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], field]);
  }
  return out;
}

/** The global pipe: unknown fields are rejected, known ones converted to their DTO types. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const all = flattenValidationErrors(errors);
      const details = all.slice(0, MAX_LISTED_ERRORS);
      const more = all.length - details.length;
      const listed = details.map((d) => `${d.field} (${d.rules.join('; ')})`).join(', ');
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `请求参数有误: ${listed}${more > 0 ? `，另有 ${more} 处错误 / and ${more} more` : ''}`,
        errors: details,
        ...(more > 0 ? { omitted: more } : {}),
      });
    },
  });
}

import { BadRequestException } from '@nestjs/common';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { echoValue, MAX_LISTED_ERRORS } from '../../common/validation';

export interface FormFieldError {
  /** JSON pointer of the field (`/approved`); for a missing field, the field it names. */
  instancePath: string;
  value: unknown;
  rule: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const cache = new Map<string, ValidateFunction>();

function compiled(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (!fn) {
    fn = ajv.compile(schema);
    cache.set(key, fn);
  }
  return fn;
}

function valueAt(data: unknown, pointer: string): unknown {
  if (!pointer) return data;
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      data,
    );
}

function describe(e: ErrorObject, output: unknown): FormFieldError {
  if (e.keyword === 'required') {
    const path = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
    return { instancePath: path, value: undefined, rule: 'required', message: '必填字段缺失' };
  }
  if (e.keyword === 'additionalProperties') {
    const extra = (e.params as { additionalProperty: string }).additionalProperty;
    const path = `${e.instancePath}/${extra}`;
    return {
      instancePath: path,
      value: echoValue(valueAt(output, path)),
      rule: 'additionalProperties',
      message: '表单不接受此字段',
    };
  }
  return {
    instancePath: e.instancePath || '/',
    value: echoValue(valueAt(output, e.instancePath)),
    rule: `${e.keyword}: ${JSON.stringify(e.params)}`,
    message: e.message ?? e.keyword,
  };
}

/**
 * Validates a task's completion payload against its form's JSON schema; 400 naming every failing
 * field, its value and the rule it broke.
 */
export function validateFormOutput(
  form: { schema?: Record<string, unknown> } | null | undefined,
  output: Record<string, unknown>,
): void {
  if (!form?.schema) return;
  const validate = compiled(form.schema);
  if (validate(output)) return;
  const all = validate.errors ?? [];
  const errors = all.slice(0, MAX_LISTED_ERRORS).map((e) => describe(e, output));
  const more = all.length - errors.length;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `表单内容有误：${errors.map((e) => `${e.instancePath} ${e.message}`).join('；')}${more > 0 ? `；另有 ${more} 处错误 / and ${more} more` : ''}`,
    errors,
    ...(more > 0 ? { omitted: more } : {}),
  });
}

import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Field rules with one message each: the field's Chinese name once, its JSON key, and what is
 * accepted — e.g. "检查发现（findings）：须为 1–4000 字的文本". A rule written as several
 * class-validator decorators (IsString + IsNotEmpty + MaxLength) reports every one that fails, so
 * a missing value read "must be shorter than 4000 characters; 须填写; 须填写"; these check the
 * whole rule at once and fail with a single message.
 */
export function fieldMessage(label: string, key: string, accepted: string): string {
  return `${label}（${key}）：${accepted}`;
}

function rule(
  name: string,
  label: string,
  accepted: string,
  check: (value: unknown) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value) => check(value),
        defaultMessage: (args) => fieldMessage(label, args?.property ?? '', accepted),
      },
    },
    options,
  );
}

/**
 * A text of 1–max characters (blank is not text); `when` says when it is required. With
 * `allowEmpty` an empty text is accepted too (e.g. to clear a value).
 */
export function TextField(
  label: string,
  max: number,
  when = '',
  allowEmpty = false,
): PropertyDecorator {
  return rule(
    'textField',
    label,
    `${when}须为${allowEmpty ? '至多' : ' 1–'}${max} 字的文本`,
    (v) => typeof v === 'string' && (allowEmpty || v.trim().length > 0) && v.length <= max,
  );
}

/** An integer from min to max. */
export function IntField(label: string, min: number, max: number): PropertyDecorator {
  return rule(
    'intField',
    label,
    `须为 ${min}–${max} 的整数`,
    (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max,
  );
}

/** true or false. */
export function BoolField(label: string): PropertyDecorator {
  return rule('boolField', label, '须为 true 或 false', (v) => typeof v === 'boolean');
}

/** A list of texts (each 1–maxEach characters), at least `min`, without repeats when `unique`. */
export function TextListField(
  label: string,
  opts: {
    min?: number;
    max?: number;
    maxEach?: number;
    unique?: boolean;
    when?: string;
    /** each item must match; `each` then says what an item is */
    pattern?: RegExp;
    each?: string;
  } = {},
): PropertyDecorator {
  const { min = 0, max = 10_000, maxEach = 200, unique = false, when = '', pattern } = opts;
  const size = min > 0 ? `${min}–${max} 项` : `至多 ${max} 项`;
  const each = opts.each ?? `每项 1–${maxEach} 字`;
  return rule(
    'textListField',
    label,
    `${when}须为列表（${size}，${each}${unique ? '，不得重复' : ''}）`,
    (v) =>
      Array.isArray(v) &&
      v.length >= min &&
      v.length <= max &&
      v.every(
        (e) =>
          typeof e === 'string' &&
          e.trim().length > 0 &&
          e.length <= maxEach &&
          (!pattern || pattern.test(e)),
      ) &&
      (!unique || new Set(v).size === v.length),
  );
}

/** A required nested object (its own fields are checked by its class). */
export function ObjectField(label: string, accepted: string): PropertyDecorator {
  return rule(
    'objectField',
    label,
    accepted,
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
}

/** A required list of nested objects, min–max of them. */
export function ObjectListField(
  label: string,
  min: number,
  max: number,
  accepted: string,
): PropertyDecorator {
  return rule(
    'objectListField',
    label,
    `须为 ${min}–${max} 项的列表，每项${accepted}`,
    (v) =>
      Array.isArray(v) &&
      v.length >= min &&
      v.length <= max &&
      v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)),
  );
}

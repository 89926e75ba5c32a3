/** Helpers on expression values shared by the evaluator and the functions. */
import type { Value } from './ast';

/** Own-property test; `in` would also see Object.prototype (toString, constructor, …). */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Converts a variable value to an expression Value (undefined → null; functions rejected). */
export function toValue(v: unknown): Value {
  if (v === undefined) return null;
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return null;
  return v as Value;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

export function stringify(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ao = a as { [k: string]: Value };
  const bo = b as { [k: string]: Value };
  const ak = Object.keys(ao);
  return (
    ak.length === Object.keys(bo).length &&
    ak.every((k) => hasOwn(bo, k) && deepEqual(ao[k], bo[k]))
  );
}

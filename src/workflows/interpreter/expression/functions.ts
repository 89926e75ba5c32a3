/** Built-in functions of the expression language (pure; no clock, no randomness). */
import type { Value } from './ast';
import { deepEqual, stringify, typeName } from './values';

export class FunctionArgError extends Error {}

function arity(args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : `${min}-${max}`;
    throw new FunctionArgError(`expects ${want} argument(s), got ${args.length}`);
  }
}

function numbers(args: Value[]): number[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  return list.map((v) => {
    if (typeof v !== 'number') throw new FunctionArgError(`expects numbers, got ${typeName(v)}`);
    return v;
  });
}

function sizeOf(args: Value[]): number {
  arity(args, 1);
  const v = args[0];
  if (v === null) return 0;
  if (Array.isArray(v) || typeof v === 'string') return v.length;
  if (typeof v === 'object') return Object.keys(v).length;
  throw new FunctionArgError(`expects a list, string or object, got ${typeName(v)}`);
}

function num(args: Value[], i: number): number {
  const v = args[i];
  if (typeof v !== 'number') throw new FunctionArgError(`expects a number, got ${typeName(v)}`);
  return v;
}

function str(args: Value[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw new FunctionArgError(`expects a string, got ${typeName(v)}`);
  return v;
}

function obj(args: Value[]): { [key: string]: Value } {
  arity(args, 1);
  const v = args[0];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new FunctionArgError(`expects an object, got ${typeName(v)}`);
  }
  return v;
}

export const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  len: sizeOf,
  size: sizeOf,
  isEmpty: (a) => sizeOf(a) === 0,
  contains: (a) => {
    arity(a, 2);
    const [c, x] = a;
    if (Array.isArray(c)) return c.some((v) => deepEqual(v, x));
    if (typeof c === 'string' && typeof x === 'string') return c.includes(x);
    if (c === null) return false;
    throw new FunctionArgError(`expects a list or string first, got ${typeName(c)}`);
  },
  keys: (a) => Object.keys(obj(a)).sort(),
  values: (a) => {
    const o = obj(a);
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  },
  sum: (a) => numbers(a).reduce((s, n) => s + n, 0),
  min: (a) => {
    const ns = numbers(a);
    return ns.length ? Math.min(...ns) : null;
  },
  max: (a) => {
    const ns = numbers(a);
    return ns.length ? Math.max(...ns) : null;
  },
  abs: (a) => (arity(a, 1), Math.abs(num(a, 0))),
  floor: (a) => (arity(a, 1), Math.floor(num(a, 0))),
  ceil: (a) => (arity(a, 1), Math.ceil(num(a, 0))),
  round: (a) => (arity(a, 1), Math.round(num(a, 0))),
  lower: (a) => (arity(a, 1), str(a, 0).toLowerCase()),
  upper: (a) => (arity(a, 1), str(a, 0).toUpperCase()),
  trim: (a) => (arity(a, 1), str(a, 0).trim()),
  string: (a) => (arity(a, 1), stringify(a[0])),
  number: (a) => {
    arity(a, 1);
    const v = a[0];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
    if (!Number.isFinite(n))
      throw new FunctionArgError(`cannot convert ${JSON.stringify(v)} to a number`);
    return n;
  },
};

/** Names of the built-in functions, for documentation and the validator. */
export const FUNCTION_NAMES: readonly string[] = Object.freeze(Object.keys(FUNCTIONS));

/** Tree-walking evaluator of the expression language over a plain variables object. */
import { ExpressionError, type Ast, type BinaryOp, type Value, type Variables } from './ast';
import { FUNCTIONS, FunctionArgError } from './functions';
import { parseExpression } from './parser';
import { isTemplate, splitTemplate, unwrapExpression } from './templates';
import { deepEqual, hasOwn, stringify, toValue, typeName } from './values';

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Parses an expression that may be wrapped as `${expr}` or `=expr` (conditions, mappings). */
function toAst(src: string | Ast): Ast {
  if (typeof src !== 'string') return src;
  return parseExpression(unwrapExpression(src) ?? src);
}

class UndefinedVariable extends ExpressionError {}

/** Evaluates an expression (bare, `${expr}` or `=expr`) against variables. */
export function evaluate(src: string | Ast, vars: Variables): Value {
  const ast = toAst(src);
  const source = typeof src === 'string' ? src : '<ast>';
  return new Evaluator(source, vars).eval(ast);
}

/** Evaluates a condition; the result must be a boolean. */
export function evaluateCondition(src: string | Ast, vars: Variables): boolean {
  const value = evaluate(src, vars);
  if (typeof value !== 'boolean') {
    const source = typeof src === 'string' ? src : '<ast>';
    throw new ExpressionError(`condition gave ${typeName(value)}, expected a boolean`, source, 0);
  }
  return value;
}

/**
 * Evaluates a template. A string that is exactly `${expr}` (or `=expr`) gives the expression's
 * value with its type; text with `${...}` parts gives a string with each part interpolated
 * (null → '', arrays/objects as JSON); text without placeholders is returned unchanged.
 */
export function evaluateTemplate(src: string, vars: Variables): Value {
  const whole = unwrapExpression(src);
  if (whole !== undefined) return evaluate(whole, vars);
  if (!isTemplate(src)) return src;
  return splitTemplate(src)
    .map((part) => ('text' in part ? part.text : stringify(evaluate(part.expr, vars))))
    .join('');
}

class Evaluator {
  constructor(
    private readonly src: string,
    private readonly vars: Variables,
  ) {}

  private fail(reason: string, at: Ast): never {
    throw new ExpressionError(reason, this.src, at.pos);
  }

  eval(ast: Ast): Value {
    switch (ast.type) {
      case 'literal':
        return ast.value;
      case 'ident':
        if (!hasOwn(this.vars, ast.name)) {
          throw new UndefinedVariable(`undefined variable "${ast.name}"`, this.src, ast.pos);
        }
        return toValue(this.vars[ast.name]);
      case 'member':
        return this.property(this.eval(ast.object), ast.property, ast);
      case 'index': {
        const key = this.eval(ast.index);
        if (typeof key !== 'string' && typeof key !== 'number') {
          this.fail(`index must be a string or number, got ${typeName(key)}`, ast);
        }
        return this.property(this.eval(ast.object), key, ast);
      }
      case 'unary':
        return this.unary(ast.op, this.eval(ast.arg), ast);
      case 'logical':
        return this.logical(ast);
      case 'conditional': {
        const test = this.eval(ast.test);
        if (typeof test !== 'boolean') {
          this.fail(`condition of "?:" gave ${typeName(test)}, expected a boolean`, ast);
        }
        return test ? this.eval(ast.consequent) : this.eval(ast.alternate);
      }
      case 'array':
        return ast.elements.map((e) => this.eval(e));
      case 'binary':
        return this.binary(ast.op, this.eval(ast.left), this.eval(ast.right), ast);
      case 'call':
        return this.call(ast);
    }
  }

  private property(object: Value, key: string | number, at: Ast): Value {
    // Reading through null gives null, so optional data (a.b.c) needs no guards.
    if (object === null) return null;
    if (typeof key === 'string' && FORBIDDEN_KEYS.has(key))
      this.fail(`forbidden property "${key}"`, at);
    if (Array.isArray(object) || typeof object === 'string') {
      if (key === 'length') return object.length;
      const n = typeof key === 'number' ? key : Number.NaN;
      if (!Number.isInteger(n)) this.fail(`index of a list must be an integer, got "${key}"`, at);
      const item = object[n < 0 ? object.length + n : n];
      return item === undefined ? null : item;
    }
    if (typeof object === 'object') {
      const k = String(key);
      return hasOwn(object, k) ? object[k] : null;
    }
    return this.fail(`cannot read "${key}" of ${typeName(object)}`, at);
  }

  private unary(op: '!' | '-' | '+', v: Value, at: Ast): Value {
    if (op === '!') {
      if (typeof v !== 'boolean') this.fail(`"not" needs a boolean, got ${typeName(v)}`, at);
      return !v;
    }
    if (typeof v !== 'number') this.fail(`"${op}" needs a number, got ${typeName(v)}`, at);
    return op === '-' ? -v : v;
  }

  private logical(ast: Extract<Ast, { type: 'logical' }>): Value {
    if (ast.op === '??') {
      try {
        const left = this.eval(ast.left);
        if (left !== null) return left;
      } catch (e) {
        if (!(e instanceof UndefinedVariable)) throw e;
      }
      return this.eval(ast.right);
    }
    const left = this.eval(ast.left);
    if (typeof left !== 'boolean') {
      this.fail(`"${ast.op}" needs booleans, got ${typeName(left)} on the left`, ast);
    }
    if (ast.op === '&&' ? !left : left) return left;
    const right = this.eval(ast.right);
    if (typeof right !== 'boolean') {
      this.fail(`"${ast.op}" needs booleans, got ${typeName(right)} on the right`, ast);
    }
    return right;
  }

  private binary(op: BinaryOp, l: Value, r: Value, at: Ast): Value {
    switch (op) {
      case '==':
        return deepEqual(l, r);
      case '!=':
        return !deepEqual(l, r);
      case 'in':
        return this.contains(r, l, at);
      case 'not in':
        return !this.contains(r, l, at);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.compare(op, l, r, at);
      case '+':
        if (typeof l === 'string' || typeof r === 'string') return stringify(l) + stringify(r);
        if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        return this.arithmetic(op, l, r, at);
      default:
        return this.arithmetic(op, l, r, at);
    }
  }

  private compare(op: string, l: Value, r: Value, at: Ast): boolean {
    const comparable =
      (typeof l === 'number' && typeof r === 'number') ||
      (typeof l === 'string' && typeof r === 'string');
    if (!comparable) this.fail(`cannot compare ${typeName(l)} ${op} ${typeName(r)}`, at);
    const a = l as number | string;
    const b = r as number | string;
    if (op === '<') return a < b;
    if (op === '<=') return a <= b;
    if (op === '>') return a > b;
    return a >= b;
  }

  private arithmetic(op: BinaryOp, l: Value, r: Value, at: Ast): number {
    if (typeof l !== 'number' || typeof r !== 'number') {
      this.fail(`"${op}" needs numbers, got ${typeName(l)} and ${typeName(r)}`, at);
    }
    if ((op === '/' || op === '%') && r === 0) this.fail('division by zero', at);
    const result =
      op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : op === '/' ? l / r : l % r;
    if (!Number.isFinite(result)) this.fail('result is not a finite number', at);
    return result;
  }

  private contains(collection: Value, item: Value, at: Ast): boolean {
    if (Array.isArray(collection)) return collection.some((x) => deepEqual(x, item));
    if (typeof collection === 'string') {
      if (typeof item !== 'string')
        this.fail(`"in" a string needs a string, got ${typeName(item)}`, at);
      return collection.includes(item);
    }
    if (collection !== null && typeof collection === 'object') {
      return typeof item === 'string' && hasOwn(collection, item);
    }
    if (collection === null) return false;
    return this.fail(`"in" needs a list, string or object, got ${typeName(collection)}`, at);
  }

  private call(ast: Extract<Ast, { type: 'call' }>): Value {
    const fn = FUNCTIONS[ast.name];
    const args = ast.args.map((a) => this.eval(a));
    try {
      return fn(args);
    } catch (e) {
      if (e instanceof FunctionArgError) this.fail(`${ast.name}(): ${e.message}`, ast);
      throw e;
    }
  }
}

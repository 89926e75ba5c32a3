/**
 * The safe expression language of process definitions (流程表达式).
 *
 * A tokenizer, a recursive-descent parser and a tree-walking evaluator over a plain variables
 * object. No `eval`, no `Function`, no access to prototypes, no clock and no randomness: the same
 * source and variables always give the same result, so it may run inside the Temporal workflow
 * sandbox. The grammar and semantics are documented in docs/bpmn.md ("Expression language").
 *
 * Precedence, lowest first:
 *   ternary `c ? a : b`  <  `??`  <  `||` `or`  <  `&&` `and`  <  `==` `!=` (`=` = `==`)
 *   <  `<` `<=` `>` `>=` `in` `not in`  <  `+` `-`  <  `*` `/` `%`  <  unary `!` `not` `-`
 *   <  postfix `.name` `[index]` `fn(args)`.
 */

export type Ast =
  | { type: 'literal'; value: Value; pos: number }
  | { type: 'ident'; name: string; pos: number }
  | { type: 'member'; object: Ast; property: string; pos: number }
  | { type: 'index'; object: Ast; index: Ast; pos: number }
  | { type: 'unary'; op: '!' | '-' | '+'; arg: Ast; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Ast; right: Ast; pos: number }
  | { type: 'logical'; op: '&&' | '||' | '??'; left: Ast; right: Ast; pos: number }
  | { type: 'conditional'; test: Ast; consequent: Ast; alternate: Ast; pos: number }
  | { type: 'array'; elements: Ast[]; pos: number }
  | { type: 'call'; name: string; args: Ast[]; pos: number };

export type BinaryOp =
  '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | '+' | '-' | '*' | '/' | '%';

/** A JSON-like value, the only kind of value expressions see and produce. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export type Variables = Record<string, unknown>;

/** A syntax or evaluation error; `position` is the 0-based offset in `source`. */
export class ExpressionError extends Error {
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly position: number,
  ) {
    super(`表达式错误 expression error at ${position + 1} in "${source}": ${reason}`);
    this.name = 'ExpressionError';
  }
}

const MAX_SOURCE_LENGTH = 4000;
const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

// ---------------------------------------------------------------------------------------------
// Tokenizer

type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  value?: Value;
  pos: number;
}

const OPERATORS = [
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '<',
  '>',
  '=',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
];

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_$\u4e00-\u9fff]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_$\u4e00-\u9fff]/.test(ch);
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i));
      const text = m ? m[0] : ch;
      if (isIdentPart(src[i + text.length] ?? '')) {
        throw new ExpressionError(`invalid number "${text}${src[i + text.length]}"`, src, start);
      }
      tokens.push({ kind: 'number', text, value: Number(text), pos: start });
      i += text.length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const { value, end } = readString(src, i);
      tokens.push({ kind: 'string', text: src.slice(start, end), value, pos: start });
      i = end;
      continue;
    }
    if (isIdentStart(ch)) {
      while (i < src.length && isIdentPart(src[i])) i++;
      tokens.push({ kind: 'ident', text: src.slice(start, i), pos: start });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) {
      throw new ExpressionError(`unexpected character "${ch}"`, src, start);
    }
    tokens.push({ kind: 'op', text: op, pos: start });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

function readString(src: string, start: number): { value: string; end: number } {
  const quote = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === quote) return { value: out, end: i + 1 };
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined || !(next in ESCAPES)) {
        throw new ExpressionError(`invalid escape "\\${next ?? ''}" in string`, src, i);
      }
      out += ESCAPES[next];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  throw new ExpressionError('unterminated string', src, start);
}

// ---------------------------------------------------------------------------------------------
// Parser

const KEYWORD_LITERALS: Record<string, Value> = { true: true, false: false, null: null };
const RESERVED = new Set(['true', 'false', 'null', 'and', 'or', 'not', 'in']);

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private depth = 0;

  constructor(private readonly src: string) {
    this.tokens = tokenize(src);
  }

  parse(): Ast {
    if (this.peek().kind === 'eof') throw this.error('empty expression', this.peek());
    const ast = this.ternary();
    const rest = this.peek();
    if (rest.kind !== 'eof') throw this.error(`unexpected "${rest.text}"`, rest);
    return ast;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text === text;
  }

  private expectOp(text: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) {
      throw this.error(`expected "${text}" but found ${describe(t)}`, t);
    }
    return this.next();
  }

  private error(reason: string, t: Token): ExpressionError {
    return new ExpressionError(reason, this.src, t.pos);
  }

  private nested<T>(fn: () => T): T {
    if (++this.depth > MAX_DEPTH) throw this.error('expression nested too deeply', this.peek());
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private ternary(): Ast {
    return this.nested(() => {
      const test = this.coalesce();
      if (!this.isOp('?')) return test;
      const q = this.next();
      const consequent = this.ternary();
      this.expectOp(':');
      const alternate = this.ternary();
      return { type: 'conditional', test, consequent, alternate, pos: q.pos };
    });
  }

  private coalesce(): Ast {
    let left = this.or();
    while (this.isOp('??')) {
      const t = this.next();
      left = { type: 'logical', op: '??', left, right: this.or(), pos: t.pos };
    }
    return left;
  }

  private or(): Ast {
    let left = this.and();
    while (this.isOp('||') || this.isWord('or')) {
      const t = this.next();
      left = { type: 'logical', op: '||', left, right: this.and(), pos: t.pos };
    }
    return left;
  }

  private and(): Ast {
    let left = this.equality();
    while (this.isOp('&&') || this.isWord('and')) {
      const t = this.next();
      left = { type: 'logical', op: '&&', left, right: this.equality(), pos: t.pos };
    }
    return left;
  }

  private equality(): Ast {
    let left = this.relational();
    while (this.isOp('==') || this.isOp('!=') || this.isOp('=')) {
      const t = this.next();
      const op = t.text === '!=' ? '!=' : '==';
      left = { type: 'binary', op, left, right: this.relational(), pos: t.pos };
    }
    return left;
  }

  private relational(): Ast {
    let left = this.additive();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && ['<', '<=', '>', '>='].includes(t.text)) {
        this.next();
        const op = t.text as BinaryOp;
        left = { type: 'binary', op, left, right: this.additive(), pos: t.pos };
      } else if (this.isWord('in')) {
        this.next();
        left = { type: 'binary', op: 'in', left, right: this.additive(), pos: t.pos };
      } else if (
        this.isWord('not') &&
        this.peek(1).kind === 'ident' &&
        this.peek(1).text === 'in'
      ) {
        this.next();
        this.next();
        left = { type: 'binary', op: 'not in', left, right: this.additive(), pos: t.pos };
      } else {
        return left;
      }
    }
  }

  private additive(): Ast {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      const op = t.text as BinaryOp;
      left = { type: 'binary', op, left, right: this.multiplicative(), pos: t.pos };
    }
    return left;
  }

  private multiplicative(): Ast {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next();
      const op = t.text as BinaryOp;
      left = { type: 'binary', op, left, right: this.unary(), pos: t.pos };
    }
    return left;
  }

  private unary(): Ast {
    return this.nested(() => {
      const t = this.peek();
      if (this.isOp('!') || (this.isWord('not') && !this.isNotIn())) {
        this.next();
        return { type: 'unary', op: '!', arg: this.unary(), pos: t.pos };
      }
      if (this.isOp('-') || this.isOp('+')) {
        this.next();
        return { type: 'unary', op: t.text as '-' | '+', arg: this.unary(), pos: t.pos };
      }
      return this.postfix();
    });
  }

  private isNotIn(): boolean {
    return this.peek(1).kind === 'ident' && this.peek(1).text === 'in';
  }

  private postfix(): Ast {
    let node = this.primary();
    for (;;) {
      const t = this.peek();
      if (this.isOp('.')) {
        this.next();
        const name = this.next();
        if (name.kind !== 'ident') throw this.error(`expected a property name after "."`, name);
        node = { type: 'member', object: node, property: name.text, pos: t.pos };
      } else if (this.isOp('[')) {
        this.next();
        const index = this.ternary();
        this.expectOp(']');
        node = { type: 'index', object: node, index, pos: t.pos };
      } else if (this.isOp('(')) {
        if (node.type !== 'ident') throw this.error('only named functions can be called', t);
        this.next();
        const args = this.list(')');
        if (!hasOwn(FUNCTIONS, node.name)) {
          throw new ExpressionError(
            `unknown function "${node.name}" (known: ${Object.keys(FUNCTIONS).join(', ')})`,
            this.src,
            node.pos,
          );
        }
        node = { type: 'call', name: node.name, args, pos: node.pos };
      } else {
        return node;
      }
    }
  }

  private list(close: string): Ast[] {
    const items: Ast[] = [];
    if (this.isOp(close)) {
      this.next();
      return items;
    }
    for (;;) {
      items.push(this.ternary());
      if (this.isOp(',')) {
        this.next();
        continue;
      }
      this.expectOp(close);
      return items;
    }
  }

  private primary(): Ast {
    const t = this.next();
    switch (t.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: t.value as Value, pos: t.pos };
      case 'ident':
        if (hasOwn(KEYWORD_LITERALS, t.text)) {
          return { type: 'literal', value: KEYWORD_LITERALS[t.text], pos: t.pos };
        }
        if (RESERVED.has(t.text)) throw this.error(`unexpected keyword "${t.text}"`, t);
        return { type: 'ident', name: t.text, pos: t.pos };
      case 'op':
        if (t.text === '(') {
          const inner = this.ternary();
          this.expectOp(')');
          return inner;
        }
        if (t.text === '[') {
          return { type: 'array', elements: this.list(']'), pos: t.pos };
        }
        throw this.error(`unexpected "${t.text}"`, t);
      default:
        throw this.error('unexpected end of expression', t);
    }
  }
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'end of expression' : `"${t.text}"`;
}

// ---------------------------------------------------------------------------------------------
// Public parsing API

const astCache = new Map<string, Ast>();
const AST_CACHE_LIMIT = 500;

/** Parses a bare expression (no `${}` wrapper) into an AST; throws ExpressionError. */
export function parseExpression(src: string): Ast {
  if (typeof src !== 'string') {
    throw new ExpressionError('expression must be a string', String(src), 0);
  }
  if (src.length > MAX_SOURCE_LENGTH) {
    throw new ExpressionError(`longer than ${MAX_SOURCE_LENGTH} characters`, src.slice(0, 40), 0);
  }
  const cached = astCache.get(src);
  if (cached) return cached;
  const ast = new Parser(src).parse();
  if (astCache.size >= AST_CACHE_LIMIT) astCache.clear();
  astCache.set(src, ast);
  return ast;
}

/** A part of a template: literal text or an embedded expression with its offset. */
export type TemplatePart = { text: string } | { expr: string; pos: number };

/**
 * Splits text containing `${...}` placeholders. Braces inside quoted strings do not close a
 * placeholder. Throws ExpressionError for an unclosed `${`.
 */
export function splitTemplate(src: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  let text = '';
  while (i < src.length) {
    if (src.startsWith('${', i)) {
      const end = findPlaceholderEnd(src, i + 2);
      if (text) parts.push({ text });
      text = '';
      parts.push({ expr: src.slice(i + 2, end), pos: i + 2 });
      i = end + 1;
    } else {
      text += src[i++];
    }
  }
  if (text) parts.push({ text });
  return parts;
}

function findPlaceholderEnd(src: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new ExpressionError('unclosed "${" placeholder', src, from - 2);
}

/** True when the text contains at least one `${...}` placeholder. */
export function isTemplate(src: string): boolean {
  return src.includes('${');
}

/**
 * The expression inside a string that is exactly one placeholder (`${expr}`, surrounding
 * whitespace allowed) or a Zeebe-style `=expr`; otherwise undefined.
 */
export function unwrapExpression(src: string): string | undefined {
  const trimmed = src.trim();
  if (trimmed.startsWith('=') && !trimmed.startsWith('==')) return trimmed.slice(1);
  if (!trimmed.startsWith('${')) return undefined;
  const parts = splitTemplate(trimmed);
  if (parts.length === 1 && 'expr' in parts[0]) return parts[0].expr;
  return undefined;
}

/** Parses an expression that may be wrapped as `${expr}` or `=expr` (conditions, mappings). */
function toAst(src: string | Ast): Ast {
  if (typeof src !== 'string') return src;
  return parseExpression(unwrapExpression(src) ?? src);
}

// ---------------------------------------------------------------------------------------------
// Evaluator

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

/**
 * Top-level variable names an expression reads (for the validator), sorted, without duplicates.
 * `mode: 'template'` treats plain text as a literal and only inspects `${...}` parts.
 */
export function freeVariables(
  src: string,
  mode: 'expression' | 'template' = 'expression',
): string[] {
  const names = new Set<string>();
  const whole = unwrapExpression(src);
  if (whole !== undefined) collect(parseExpression(whole), names);
  else if (mode === 'expression') collect(parseExpression(src), names);
  else {
    for (const part of splitTemplate(src)) {
      if ('expr' in part) collect(parseExpression(part.expr), names);
    }
  }
  return [...names].sort();
}

function collect(ast: Ast, names: Set<string>): void {
  switch (ast.type) {
    case 'ident':
      names.add(ast.name);
      return;
    case 'literal':
      return;
    case 'member':
      return collect(ast.object, names);
    case 'index':
      collect(ast.object, names);
      return collect(ast.index, names);
    case 'unary':
      return collect(ast.arg, names);
    case 'binary':
    case 'logical':
      collect(ast.left, names);
      return collect(ast.right, names);
    case 'conditional':
      collect(ast.test, names);
      collect(ast.consequent, names);
      return collect(ast.alternate, names);
    case 'array':
      return ast.elements.forEach((e) => collect(e, names));
    case 'call':
      return ast.args.forEach((e) => collect(e, names));
  }
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

// ---------------------------------------------------------------------------------------------
// Functions (pure; no clock, no randomness)

class FunctionArgError extends Error {}

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

const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
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

// ---------------------------------------------------------------------------------------------
// Helpers

/** Own-property test; `in` would also see Object.prototype (toString, constructor, …). */
function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Converts a variable value to an expression Value (undefined → null; functions rejected). */
function toValue(v: unknown): Value {
  if (v === undefined) return null;
  if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return null;
  return v as Value;
}

function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function stringify(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function deepEqual(a: Value, b: Value): boolean {
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

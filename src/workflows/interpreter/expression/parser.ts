/** Recursive-descent parser of the expression language (precedence: ./index.ts), AST cache. */
import { ExpressionError, type Ast, type BinaryOp, type Value } from './ast';
import { FUNCTIONS } from './functions';
import { tokenize, type Token } from './lexer';
import { hasOwn } from './values';

const MAX_SOURCE_LENGTH = 4000;
const MAX_DEPTH = 64;

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

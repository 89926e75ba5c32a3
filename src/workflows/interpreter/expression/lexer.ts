/** Tokenizer of the expression language: text → numbers, strings, names and operators. */
import { ExpressionError, type Value } from './ast';

type TokenKind = 'number' | 'string' | 'ident' | 'op' | 'eof';
export interface Token {
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

export function tokenize(src: string): Token[] {
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

/** Template syntax: `${...}` placeholders in text, and whole-value `${expr}` / `=expr` strings. */
import { ExpressionError } from './ast';

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

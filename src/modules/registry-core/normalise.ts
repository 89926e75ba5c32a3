/**
 * Text normalisation shared by codes, headers and cell values. Officials type in Chinese input
 * methods, so full-width letters/digits (全角) and ideographic spaces are common.
 */

/** Full-width ASCII variants (U+FF01–U+FF5E) to ASCII, ideographic space (U+3000) to a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** Trim, half-width, collapse inner whitespace runs (incl. NBSP) to one space. */
export function normaliseCell(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00A0\uFEFF]+/g, ' ')
    .trim();
}

/**
 * Header key used for matching: half-width, no whitespace, no required-field marker (*),
 * lower-case (for English headers).
 */
export function normaliseHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00A0\uFEFF*]+/g, '')
    .toLowerCase();
}

/** The header without a bracketed note, e.g. `联系电话(手机)` → `联系电话`. */
export function stripBracketNote(header: string): string {
  return header.replace(/[([【][^)\]】]*[)\]】]/g, '');
}

/** Split a multi-value cell (tags, department codes) on ; ； 、 , ， | and newlines. */
export function splitList(text: string): string[] {
  return normaliseCell(text)
    .split(/[;；、,，|\n]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

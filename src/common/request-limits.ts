/**
 * Limits on what one HTTP request may carry, so bad input is a 4xx and never a 500 or a frozen
 * event loop. The numbers are documented in docs/engine-api.md ("Request limits").
 *
 * The largest legitimate JSON body is a BPMN definition sent as `{"xml": "..."}` (the XML itself
 * is limited to BPMN_MAX_BYTES, and JSON escaping of quotes and line breaks adds to it), so JSON
 * bodies may be up to 4 MB. Nothing legitimate nests deeply: forms and plans are a few levels,
 * instance variables are the deepest and stay far below 64.
 */

/** Largest JSON request body, in bytes (4 MB). */
export const JSON_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Deepest accepted nesting of JSON objects and arrays. */
export const JSON_MAX_DEPTH = 64;

/** `1.5 MB`-style rendering of a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(2)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/**
 * Depth of the deepest object/array in JSON text, scanning bytes (strings and their escapes are
 * skipped); stops as soon as `max` is exceeded and returns max + 1. Linear, no recursion.
 */
export function jsonNestingDepth(bytes: Uint8Array, max = JSON_MAX_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
      continue;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (b === 0x7d || b === 0x5d) depth--;
  }
  return deepest;
}

/** True when the string holds a UTF-16 surrogate without its partner (not valid Unicode text). */
export function hasLoneSurrogate(text: string): boolean {
  const wellFormed = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  if (wellFormed) return !wellFormed.call(text);
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/**
 * The path (`a.b[2].c`) of the first string or object key in `value` that holds a lone
 * surrogate, or null. Iterative, so any nesting is safe.
 */
export function findLoneSurrogate(value: unknown, root: string): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasLoneSurrogate(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const key of Object.keys(v)) {
        const child = path ? `${path}.${key}` : key;
        if (hasLoneSurrogate(key)) return child;
        stack.push([(v as Record<string, unknown>)[key], child]);
      }
    }
  }
  return null;
}

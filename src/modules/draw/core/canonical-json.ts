/**
 * Canonical JSON for hashing the commitment: object keys sorted by UTF-16 code units (our keys are
 * ASCII, so this equals byte order), no whitespace, `undefined` members dropped, strings and
 * integers exactly as JSON.stringify writes them. Mirrored in templates/public/draw-verify.html.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new Error(`canonical JSON accepts integers only, got ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

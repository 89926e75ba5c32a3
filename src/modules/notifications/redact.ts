/**
 * Error text safe to store: SMTP URLs carry user:password and bot webhooks carry their token in
 * the path or query, and transport errors like to quote the URL they failed on.
 */
export function redactSecrets(message: string, secrets: (string | undefined)[] = []): string {
  let text = message;
  for (const secret of secretParts(secrets)) text = text.split(secret).join('***');
  return (
    text
      // user:password@ in any URL
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@')
      // query strings (access_token=…, key=…) of any URL
      .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#]*/gi, '$1?***')
      .slice(0, 1000)
  );
}

/** The configured URLs, and their credentials, path and query on their own. */
function secretParts(urls: (string | undefined)[]): string[] {
  const parts = new Set<string>();
  for (const raw of urls) {
    if (!raw) continue;
    parts.add(raw);
    try {
      const url = new URL(raw);
      for (const value of [url.username, url.password, decodeURIComponent(url.password)]) {
        if (value.length >= 3) parts.add(value);
      }
      if (url.pathname.length > 1) parts.add(url.pathname);
      if (url.search.length > 1) parts.add(url.search.slice(1));
      for (const value of url.searchParams.values()) if (value.length >= 3) parts.add(value);
    } catch {
      // not a URL: only the whole string is hidden
    }
  }
  // longest first, so a secret containing another is hidden whole
  return [...parts].sort((a, b) => b.length - a.length);
}

export function errorText(error: unknown): string {
  // duck-typed: fetch() errors come from another realm under some runners (instanceof fails)
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  const { message, code, cause } = error as { message: unknown; code?: unknown; cause?: unknown };
  let text = String(message);
  if (code && !text.includes(String(code))) text = `${String(code)}: ${text}`;
  // fetch() says only "fetch failed"; the reason (ECONNREFUSED, timeout) is its cause
  if (cause) text += ` (${errorText(cause)})`;
  return text;
}

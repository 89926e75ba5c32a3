/**
 * Custom search attributes that make process instances listable without reading histories
 * (by definition key, business key, department, status and overdue).
 */
export const SEARCH_ATTRIBUTES = {
  JcDefinitionKey: 'Keyword',
  JcBusinessKey: 'Keyword',
  JcDepartments: 'KeywordList',
  JcStatus: 'Keyword',
  JcOverdue: 'Bool',
} as const;

/** `--search-attribute` flags for `temporal server start-dev`. */
export function devServerSearchAttributeFlags(): string[] {
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
}

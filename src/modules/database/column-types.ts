/**
 * Column types that mean the same on SQLite and MySQL, chosen once here so entities and
 * migrations agree. (`datetime` with millisecond precision; JSON stored as text on both so the
 * same queries work everywhere.)
 */
export const DATETIME = 'datetime';
export const DATETIME_PRECISION = 3;

/** Column transformer storing JSON values as text. */
export const jsonText = {
  to: (value: unknown): string | null =>
    value === undefined || value === null ? null : JSON.stringify(value),
  from: (value: string | null): unknown =>
    value === null || value === undefined ? null : JSON.parse(value),
};

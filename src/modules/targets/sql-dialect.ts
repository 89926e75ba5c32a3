/**
 * The few places where the registries write SQL by hand (the million-row import): placeholders,
 * multi-row upserts and date parameters differ between SQLite and MySQL/MariaDB.
 */
import type { DataSource, EntityManager } from 'typeorm';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(db: DataSource | EntityManager): Dialect {
  const type = ('connection' in db ? db.connection : db).options.type;
  return type === 'mysql' || type === 'mariadb' ? 'mysql' : 'sqlite';
}

/** `?` placeholders work on both better-sqlite3 and mysql2. */
export function placeholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(',')})`;
  return new Array(rows).fill(row).join(',');
}

/**
 * INSERT … ON CONFLICT (SQLite) / ON DUPLICATE KEY UPDATE (MySQL): inserts new rows and overwrites
 * `updateColumns` of existing ones, one statement for the whole batch.
 */
export function upsertSql(
  dialect: Dialect,
  table: string,
  columns: readonly string[],
  key: string,
  updateColumns: readonly string[],
  rows: number,
): string {
  const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${placeholders(rows, columns.length)}`;
  if (dialect === 'sqlite')
    return `${head} ON CONFLICT(${key}) DO UPDATE SET ${updateColumns.map((c) => `${c}=excluded.${c}`).join(',')}`;
  return `${head} ON DUPLICATE KEY UPDATE ${updateColumns.map((c) => `${c}=VALUES(${c})`).join(',')}`;
}

/** A Date as the driver stores it: TypeORM's UTC text on SQLite, a Date for mysql2 (timezone Z). */
export function dateParam(dialect: Dialect, date: Date): string | Date {
  if (dialect === 'mysql') return date;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** `|a|b|`: list columns searchable with LIKE '%|a|%' on both dialects. */
export function joinList(values: readonly string[]): string {
  return values.length === 0 ? '' : `|${values.join('|')}|`;
}

export function splitList(text: string | null | undefined): string[] {
  return text ? text.split('|').filter((v) => v !== '') : [];
}

/**
 * Escapes LIKE wildcards in user input for `LIKE ? ESCAPE '!'` ('!' because a backslash literal is
 * spelled differently on SQLite and MySQL).
 */
export function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (ch) => `!${ch}`);
}

import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** Column builders shared by migrations so both dialects get equivalent schemas. */
export function isMysql(q: QueryRunner): boolean {
  return q.connection.options.type === 'mysql';
}

export function idColumn(): TableColumnOptions {
  return { name: 'id', type: 'varchar', length: '36', isPrimary: true };
}

export function autoIdColumn(q: QueryRunner): TableColumnOptions {
  return {
    name: 'id',
    type: isMysql(q) ? 'bigint' : 'integer',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  };
}

export function datetime(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'datetime', precision: 3, isNullable: nullable };
}

/** Unbounded text (LONGTEXT on MySQL, TEXT on SQLite), for JSON documents and XML. */
export function longText(q: QueryRunner, name: string, nullable = true): TableColumnOptions {
  return { name, type: isMysql(q) ? 'longtext' : 'text', isNullable: nullable };
}

export function varchar(name: string, length: number, nullable = false): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), isNullable: nullable };
}

/** Unbounded binary (LONGBLOB on MySQL, BLOB on SQLite), for PDFs and other files. */
export function longBlob(q: QueryRunner, name: string, nullable = true): TableColumnOptions {
  return { name, type: isMysql(q) ? 'longblob' : 'blob', isNullable: nullable };
}

import type { DataSource } from 'typeorm';

export type Row = Record<string, unknown>;

/** One SQL statement a program wants run; the program receives the rows it returned. */
export interface Step {
  sql: string;
  params?: unknown[];
}

/**
 * A transaction written once for both dialects: a generator yielding statements. It runs
 * synchronously on SQLite (see SqliteChainStore) and with awaits on MySQL.
 */
export type Program<T> = Generator<Step, T, Row[]>;

export interface ChainStore {
  /** Runs the program in one transaction; rejects with `busy` when SQLite's writer is taken. */
  transaction<T>(program: () => Program<T>): Promise<T>;
  /** A read outside any transaction (committed data only). */
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): void;
}

export class ChainBusyError extends Error {}

interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): Row[];
  run(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(s: string): unknown;
  exec(sql: string): void;
}

/**
 * SQLite: the application's one connection, used only between its transactions. The chain's
 * transaction runs synchronously from BEGIN IMMEDIATE to COMMIT, so nothing else in this process
 * runs in between, and it starts only when no business transaction is open on the connection
 * (TypeORM's transactions there span event-loop turns): it never nests into one and never
 * invalidates the snapshot of one that read before it. While one is open, or while another
 * process holds the write lock, it reports busy at once (busy_timeout 0 for the moment) instead
 * of blocking the event loop; sealing then simply happens a moment later.
 */
class SqliteChainStore implements ChainStore {
  constructor(private readonly ds: DataSource) {}

  private get conn(): SqliteDatabase {
    return (this.ds.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
  }

  private get inBusinessTransaction(): boolean {
    const runner = (this.ds.driver as unknown as { queryRunner?: { isTransactionActive: boolean } })
      .queryRunner;
    return runner?.isTransactionActive ?? false;
  }

  private run(step: Step): Row[] {
    const stmt = this.conn.prepare(step.sql);
    const params = step.params ?? [];
    if (stmt.reader) return stmt.all(...params);
    stmt.run(...params);
    return [];
  }

  transaction<T>(program: () => Program<T>): Promise<T> {
    if (this.inBusinessTransaction)
      return Promise.reject(new ChainBusyError('a transaction is open on the connection'));
    const conn = this.conn;
    conn.pragma('busy_timeout = 0');
    try {
      conn.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY'))
        return Promise.reject(new ChainBusyError('another process is writing'));
      return Promise.reject(err as Error);
    } finally {
      conn.pragma('busy_timeout = 5000');
    }
    try {
      const gen = program();
      let next = gen.next();
      while (!next.done) next = gen.next(this.run(next.value));
      conn.exec('COMMIT');
      return Promise.resolve(next.value);
    } catch (err) {
      conn.exec('ROLLBACK');
      return Promise.reject(err as Error);
    }
  }

  query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return Promise.resolve(this.run({ sql, params }));
  }

  close(): void {}
}

/** MySQL/MariaDB: a pooled connection per transaction; the head row's write lock serializes. */
class DataSourceChainStore implements ChainStore {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(program: () => Program<T>): Promise<T> {
    return this.ds.transaction(async (m) => {
      const gen = program();
      let next = gen.next();
      while (!next.done) {
        const rows = (await m.query(next.value.sql, next.value.params)) as Row[] | object;
        next = gen.next(Array.isArray(rows) ? rows : []);
      }
      return next.value;
    });
  }

  async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.ds.query(sql, params)) as Row[];
  }

  close(): void {}
}

/** The store for this database. */
export function openChainStore(ds: DataSource): ChainStore {
  return ds.options.type === 'better-sqlite3'
    ? new SqliteChainStore(ds)
    : new DataSourceChainStore(ds);
}

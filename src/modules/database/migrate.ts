import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * Applies pending migrations, each in its own transaction (MySQL commits DDL implicitly, so each
 * migration holds one concern). Returns the names applied.
 */
export async function runMigrations(db: DatabaseConfig): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** Reverts the most recent migration (for operators; `jointcheck migrate --revert`). */
export async function revertLastMigration(db: DatabaseConfig): Promise<void> {
  const ds = new DataSource(dataSourceOptions(db));
  await ds.initialize();
  try {
    await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import {
  DataSource,
  getMetadataArgsStorage,
  Table,
  TableColumn,
  type QueryRunner,
  type DataSourceOptions,
} from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { DatabaseConfig } from '../../../src/config/app-config';
import { dataSourceOptions } from '../../../src/modules/database/data-source-options';
import { runMigrations } from '../../../src/modules/database/migrate';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const SRC = join(__dirname, '..', '..', '..', 'src');

type EntityClass = abstract new (...args: never[]) => object;

/** Every entity in src/, found by its decorator, so a new entity is checked without a list. */
async function loadEntities(): Promise<EntityClass[]> {
  for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' }))
    if (file.endsWith('.ts') && readFileSync(join(SRC, file), 'utf8').includes('@Entity('))
      await import(join(SRC, file));
  return getMetadataArgsStorage()
    .tables.map((t) => t.target)
    .filter((t): t is EntityClass => typeof t === 'function');
}

/**
 * The differences that are not drift, each for a stated reason. Applied to the tables as TypeORM
 * reads them back, before the schema builder compares them with the entities; anything else is
 * drift and fails the test.
 *
 * SQLite (TypeORM artefacts; SQLite has one INTEGER affinity and no boolean type):
 * - SQLite: a `bigint` column of the entities is `integer` in the migrations (64-bit there too).
 * - the migrations declare `int`, which SQLite keeps verbatim; TypeORM's SQLite driver calls an
 *   entity's `int` `integer`. Same column.
 * - boolean defaults written `false`/`true` by the migrations read back so (SQLite ≥ 3.23
 *   keywords for 0 and 1); TypeORM writes an entity's boolean default as `0`/`1`. Same default.
 * MySQL/MariaDB, deliberate (a TypeORM entity declares one type for both dialects):
 * - the migrations widen on MySQL what SQLite stores unbounded anyway: `longtext` for `text`,
 *   `longblob` for `blob` (helpers.ts longText, longBlob), `bigint` for auto-increment ids and
 *   the `*_id` columns that hold them (autoIdColumn). The entities keep `text`/`blob`/`int`:
 *   declared `bigint`, TypeORM would hand the ids to the code as strings on MySQL.
 * MySQL/MariaDB, artefacts:
 * - MariaDB stores BOOLEAN as `tinyint(1)`; an entity's `boolean` carries no display width.
 * - MariaDB reports a foreign key's NO ACTION as RESTRICT (InnoDB treats the two alike).
 * - MariaDB quotes literal defaults in information_schema (`'0'`, `'NULL'`, since 10.2.7);
 *   TypeORM unquotes them only for a `mariadb` DataSource, so the test connects as one.
 */
function normalize(
  driver: Driver,
  type: DataSourceOptions['type'],
  db: TableColumn,
  entity?: ColumnMetadata,
) {
  const column = db.clone();
  if (type === 'better-sqlite3') {
    if (column.type === 'int') column.type = 'integer';
    // SQLite's INTEGER is 64-bit: the migrations write `integer` where MySQL gets `bigint`
    if (column.type === 'integer' && entity && driver.normalizeType(entity) === 'bigint')
      column.type = 'bigint';
    if (column.default === 'false') column.default = '0';
    if (column.default === 'true') column.default = '1';
  } else if (entity) {
    const declared = driver.normalizeType(entity);
    const widened: Record<string, string> = { longtext: 'text', longblob: 'blob' };
    if (widened[column.type] === declared) column.type = declared;
    const holdsId = entity.isGenerated || entity.databaseName.endsWith('_id');
    if (column.type === 'bigint' && declared === 'int' && holdsId) column.type = 'int';
    if (column.type === 'tinyint' && column.width === 1 && entity.type === 'boolean')
      column.width = undefined;
  }
  return column;
}

async function isMariaDb(url: string): Promise<boolean> {
  const conn = await createConnection(url);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test((rows as Array<{ v: string }>)[0].v);
  } finally {
    await conn.end();
  }
}

/**
 * The schema comes only from migrations (never synchronize): after all of them have run, the
 * entities must describe exactly that schema — types, lengths, defaults, nullability, indexes
 * and unique constraints — or `migration:generate`/`synchronize` would "fix" the database to
 * the entities, and the entities mislead whoever reads them. Runs on SQLite, and on
 * MySQL/MariaDB when TEST_DATABASE_URL is set (.ci/run).
 */
describe('schema drift: migrations and entities agree', () => {
  let db: TestDatabase;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('after the migrations, the entities need no schema change', async () => {
    const config: DatabaseConfig = db.url.startsWith('sqlite:')
      ? { type: 'sqlite', path: db.url.slice('sqlite:'.length) }
      : { type: 'mysql', url: db.url };
    expect(await runMigrations(config)).not.toHaveLength(0);
    const entities = await loadEntities();
    expect(entities.length).toBeGreaterThan(20);
    let options = { ...dataSourceOptions(config), entities } as DataSourceOptions;
    // The app connects to MariaDB as `mysql` (the same driver for queries); only the `mariadb`
    // type reads MariaDB's quoted column defaults right.
    if (config.type === 'mysql' && (await isMariaDb(config.url)))
      options = { ...options, type: 'mariadb' } as DataSourceOptions;
    ds = new DataSource(options);
    await ds.initialize();
    // Normalize the tables as TypeORM reads them, before the schema builder compares (it does
    // in several places: changed columns, and a single differing column taken as a rename).
    const metadata = ds.entityMetadatas;
    const driver = ds.driver;
    const createQueryRunner = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode) => {
      const runner = createQueryRunner(mode) as QueryRunner & {
        loadTables(names?: unknown[]): Promise<Table[]>;
      };
      const loadTables = runner.loadTables.bind(runner);
      runner.loadTables = async (names) => {
        const tables = await loadTables(names);
        for (const table of tables) {
          const entity = metadata.find(
            (m) => table.name === m.tableName || table.name.endsWith(`.${m.tableName}`),
          );
          table.columns = table.columns.map((c) =>
            normalize(
              driver,
              options.type,
              c,
              entity?.columns.find((m) => m.databaseName === c.name),
            ),
          );
          // MariaDB reports NO ACTION as RESTRICT; InnoDB treats the two alike.
          if (options.type !== 'better-sqlite3')
            for (const fk of table.foreignKeys) {
              if (fk.onDelete === 'RESTRICT') fk.onDelete = 'NO ACTION';
              if (fk.onUpdate === 'RESTRICT') fk.onUpdate = 'NO ACTION';
            }
        }
        return tables;
      };
      return runner;
    };
    const { upQueries } = await driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});

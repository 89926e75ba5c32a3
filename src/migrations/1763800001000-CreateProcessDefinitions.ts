import { MigrationInterface, QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';
import { datetime, idColumn, longText, varchar } from './helpers';

/** Deployed BPMN process definitions (流程定义), one row per version of a key. */
export class CreateProcessDefinitions1763800001000 implements MigrationInterface {
  name = 'CreateProcessDefinitions1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'process_definitions',
        columns: [
          idColumn(),
          varchar('def_key', 200),
          { name: 'version', type: 'int', isNullable: false },
          varchar('name', 300, true),
          varchar('sha256', 64),
          longText(q, 'xml', false),
          longText(q, 'compiled_json', false),
          varchar('deployed_by', 64),
          datetime('deployed_at'),
        ],
        uniques: [
          new TableUnique({
            name: 'uq_definition_key_version',
            columnNames: ['def_key', 'version'],
          }),
        ],
      }),
    );
    await q.createIndex(
      'process_definitions',
      new TableIndex({ name: 'ix_definition_key_sha', columnNames: ['def_key', 'sha256'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('process_definitions');
  }
}

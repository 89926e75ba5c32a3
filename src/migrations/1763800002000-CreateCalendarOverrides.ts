import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, varchar } from './helpers';

/** The office's overrides of the statutory working-day calendar (imported schedules, single days). */
export class CreateCalendarOverrides1763800002000 implements MigrationInterface {
  name = 'CreateCalendarOverrides1763800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_overrides',
        columns: [
          autoIdColumn(q),
          varchar('day', 10),
          varchar('kind', 10),
          varchar('name', 100, true),
          varchar('source', 10),
          { name: 'schedule_year', type: 'int', isNullable: true },
          varchar('created_by', 64),
          datetime('created_at'),
        ],
        uniques: [{ name: 'uq_calendar_overrides_day_source', columnNames: ['day', 'source'] }],
        indices: [{ name: 'ix_calendar_overrides_year', columnNames: ['schedule_year'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('calendar_overrides');
  }
}

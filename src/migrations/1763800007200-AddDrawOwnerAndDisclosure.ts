import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * A joint task's draw is linked to its task by id (`inspection_id`, set only by the task's own
 * commit step), never found by its reference; and a surprise check's draw is published in full
 * only once its targets are inspected (`disclosure`, `disclosed_at`). Existing task draws are
 * linked from `inspections.draw_id`; they stay public as before.
 */
export class AddDrawOwnerAndDisclosure1763800007200 implements MigrationInterface {
  name = 'AddDrawOwnerAndDisclosure1763800007200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('draws', [
      new TableColumn({ name: 'inspection_id', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({
        name: 'disclosure',
        type: 'varchar',
        length: '24',
        isNullable: false,
        default: "'public'",
      }),
      new TableColumn({ name: 'disclosed_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.createIndex(
      'draws',
      new TableIndex({
        name: 'uq_draws_inspection',
        columnNames: ['inspection_id'],
        isUnique: true,
      }),
    );
    await q.query(
      'UPDATE draws SET inspection_id = (SELECT i.id FROM inspections i WHERE i.draw_id = draws.id) ' +
        'WHERE EXISTS (SELECT 1 FROM inspections i WHERE i.draw_id = draws.id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('draws', 'uq_draws_inspection');
    await q.dropColumn('draws', 'disclosed_at');
    await q.dropColumn('draws', 'disclosure');
    await q.dropColumn('draws', 'inspection_id');
  }
}

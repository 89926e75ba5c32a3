import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { autoIdColumn, datetime, longText, varchar } from './helpers';

/**
 * Joint inspection tasks (联合抽查任务): the task, confirmations, drawn targets with their
 * distribution, one form per department per target, and follow-ups of problems found.
 */
export class CreateInspections1763800006000 implements MigrationInterface {
  name = 'CreateInspections1763800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'inspections',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('code', 64),
          varchar('name', 200),
          { name: 'year', type: 'int' },
          varchar('plan_id', 36, true),
          varchar('plan_task_key', 36, true),
          { name: 'temporary', type: 'boolean', default: false },
          longText(q, 'temporary_reason'),
          varchar('initiating_department', 64),
          longText(q, 'departments', false),
          longText(q, 'confirmed_departments'),
          longText(q, 'item_codes', false),
          varchar('window_start', 10),
          varchar('window_end', 10),
          { name: 'publish_days', type: 'int' },
          varchar('status', 16),
          longText(q, 'scheme'),
          varchar('draw_id', 36, true),
          varchar('workflow_id', 200, true),
          varchar('created_by', 64),
          datetime('created_at'),
          datetime('launched_at', true),
          datetime('archived_at', true),
        ],
        uniques: [{ name: 'uq_inspections_code', columnNames: ['code'] }],
        indices: [
          { name: 'ix_inspections_initiator', columnNames: ['initiating_department'] },
          { name: 'ix_inspections_plan_task', columnNames: ['plan_task_key'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inspection_confirmations',
        columns: [
          autoIdColumn(q),
          varchar('inspection_id', 36),
          varchar('department_code', 64),
          varchar('decision', 16),
          longText(q, 'reason'),
          varchar('review', 16, true),
          longText(q, 'review_note'),
          varchar('answered_by', 64),
          datetime('answered_at'),
          varchar('reviewed_by', 64, true),
          datetime('reviewed_at', true),
        ],
        indices: [{ name: 'ix_insp_conf_inspection', columnNames: ['inspection_id'] }],
        foreignKeys: [fk('fk_insp_conf_inspection')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inspection_targets',
        columns: [
          { ...varchar('inspection_id', 36), isPrimary: true },
          { ...varchar('target_code', 64), isPrimary: true },
          varchar('target_name', 200),
          varchar('target_type', 32),
          varchar('address', 500, true),
          longText(q, 'distribution', false),
          varchar('leader_department', 64),
          varchar('workflow_id', 300, true),
          varchar('status', 16),
          datetime('inspected_at', true),
        ],
        foreignKeys: [fk('fk_insp_targets_inspection')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inspection_forms',
        columns: [
          autoIdColumn(q),
          varchar('inspection_id', 36),
          varchar('target_code', 64),
          varchar('department_code', 64),
          varchar('inspected_on', 10),
          longText(q, 'items', false),
          longText(q, 'inspectors_present', false),
          longText(q, 'signature', false),
          longText(q, 'attachments', false),
          varchar('submitted_by', 64),
          datetime('submitted_at'),
          datetime('published_at', true),
        ],
        uniques: [
          {
            name: 'uq_insp_forms_target_dept',
            columnNames: ['inspection_id', 'target_code', 'department_code'],
          },
        ],
        foreignKeys: [fk('fk_insp_forms_inspection')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'follow_ups',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('inspection_id', 36),
          varchar('target_code', 64),
          varchar('department_code', 64),
          varchar('item_code', 64),
          longText(q, 'findings'),
          varchar('status', 16),
          varchar('kind', 16, true),
          varchar('rectification_deadline', 10, true),
          varchar('handed_over_to', 200, true),
          varchar('decision_date', 10, true),
          varchar('decision_no', 100, true),
          datetime('penalty_due_at', true),
          longText(q, 'penalty_content'),
          datetime('penalty_published_at', true),
          longText(q, 'note'),
          datetime('created_at'),
          varchar('updated_by', 64, true),
          datetime('updated_at', true),
        ],
        uniques: [
          {
            name: 'uq_follow_ups_problem',
            columnNames: ['inspection_id', 'target_code', 'department_code', 'item_code'],
          },
        ],
        indices: [{ name: 'ix_follow_ups_inspection', columnNames: ['inspection_id'] }],
        foreignKeys: [fk('fk_follow_ups_inspection')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'follow_ups',
      'inspection_forms',
      'inspection_targets',
      'inspection_confirmations',
      'inspections',
    ])
      await q.dropTable(t);
  }
}

function fk(name: string) {
  return {
    name,
    columnNames: ['inspection_id'],
    referencedTableName: 'inspections',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
  };
}

import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { jsonText } from '../../database/column-types';
import type { InspectionMethod, InspectorFacts } from '../core';

/** One participating department's second draw, with the inspector facts it used. */
@Unique('uq_draw_departments_dept', ['drawId', 'departmentCode'])
@Entity({ name: 'draw_departments' })
export class DrawDepartment {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_departments_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ type: 'varchar', length: 16 })
  method: InspectionMethod;

  @Column({ name: 'per_target', type: 'int' })
  perTarget: number;

  @Column({ name: 'required_expertise_json', type: 'text', transformer: jsonText })
  requiredExpertise: string[];

  @Column({ name: 'inspectors_json', type: 'text', transformer: jsonText })
  inspectors: InspectorFacts[];

  @Column({ type: 'varchar', length: 64 })
  seed: string;

  @Column({ name: 'matched_by', type: 'varchar', length: 64 })
  matchedBy: string;

  @Column({ name: 'matched_at', type: 'datetime', precision: 3 })
  matchedAt: Date;
}

import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One initial assignment slot (never updated; replacements apply on top). */
@Unique('uq_draw_assignments_slot', ['drawId', 'departmentCode', 'targetCode', 'slot'])
@Index('ix_draw_assignments_cert', ['certificateNo'])
@Entity({ name: 'draw_assignments' })
export class DrawAssignment {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_assignments_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ name: 'target_code', type: 'varchar', length: 100 })
  targetCode: string;

  @Column({ type: 'int' })
  slot: number;

  @Column({ name: 'certificate_no', type: 'varchar', length: 64 })
  certificateNo: string;

  @Column({ name: 'candidate_rank', type: 'int', nullable: true })
  rank: number | null;

  @Column({ name: 'candidate_key', type: 'varchar', length: 64, nullable: true })
  key: string | null;
}

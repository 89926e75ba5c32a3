import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An exception to a locked draw, recorded as an addendum; published once approved. */
@Index('ix_draw_addenda_draw', ['drawId'])
@Entity({ name: 'draw_addenda' })
export class DrawAddendum {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_addenda_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ name: 'department_code', type: 'varchar', length: 64 })
  departmentCode: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'target_code', type: 'varchar', length: 100, nullable: true })
  targetCode: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'requested' | 'approved';

  @Column({ name: 'requested_by', type: 'varchar', length: 64 })
  requestedBy: string;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt: Date;

  @Column({ name: 'approved_by', type: 'varchar', length: 64, nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'datetime', precision: 3, nullable: true })
  approvedAt: Date | null;
}

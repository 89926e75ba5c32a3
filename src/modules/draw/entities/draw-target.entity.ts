import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A drawn target: its rank in its stratum, its global draw order and its key. */
@Unique('uq_draw_targets_code', ['drawId', 'code'])
@Unique('uq_draw_targets_order', ['drawId', 'order'])
@Entity({ name: 'draw_targets' })
export class DrawTargetRow {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_targets_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ type: 'varchar', length: 64 })
  stratum: string;

  @Column({ type: 'varchar', length: 100 })
  code: string;

  @Column({ name: 'stratum_rank', type: 'int' })
  rank: number;

  @Column({ name: 'draw_order', type: 'int' })
  order: number;

  @Column({ name: 'target_key', type: 'varchar', length: 64 })
  key: string;

  /** Region code as frozen at commit (for conflict-region exclusions). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  region: string | null;
}

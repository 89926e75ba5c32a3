import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A drawn target: its rank in its stratum, its global draw order and its key. */
@Entity({ name: 'draw_targets' })
export class DrawTargetRow {
  @PrimaryGeneratedColumn('increment')
  id: number;

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

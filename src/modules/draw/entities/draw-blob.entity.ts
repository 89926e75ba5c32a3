import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One gzip piece of a draw's frozen text (`snapshot` or `regions`), in `seq` order. */
@Unique('uq_draw_blobs_piece', ['drawId', 'kind', 'seq'])
@Entity({ name: 'draw_blobs' })
export class DrawBlob {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @ForeignKey('Draw', { name: 'fk_draw_blobs_draw', onDelete: 'CASCADE' })
  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'snapshot' | 'regions';

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'blob' })
  data: Buffer;
}

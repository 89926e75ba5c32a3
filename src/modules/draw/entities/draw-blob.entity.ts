import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One gzip piece of a draw's frozen text (`snapshot` or `regions`), in `seq` order. */
@Entity({ name: 'draw_blobs' })
export class DrawBlob {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'draw_id', type: 'varchar', length: 36 })
  drawId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'snapshot' | 'regions';

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'blob' })
  data: Buffer;
}

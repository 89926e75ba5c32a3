import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A single-use two-factor recovery code, stored as the SHA-256 of the code (never the code). */
@Index('ix_recovery_codes_user', ['userId'])
@Entity({ name: 'user_recovery_codes' })
export class RecoveryCode {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey('User', { name: 'fk_recovery_codes_user' })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}

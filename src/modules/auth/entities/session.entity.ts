import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A server-side sign-in session. Every access token names its session (`sid`); revoking the row
 * (logout, deactivation, role change, password change or reset, administrator lock) ends the
 * token at once. `idleExpiresAt` is for cookie sessions of server-rendered pages (kind `cookie`);
 * bearer sessions leave it null and end at `expiresAt`.
 */
@Index('ix_sessions_user', ['userId'])
@Entity({ name: 'sessions' })
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @ForeignKey('User', { name: 'fk_sessions_user' })
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'idle_expires_at', type: 'datetime', precision: 3, nullable: true })
  idleExpiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 64, nullable: true })
  revokedReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;
}

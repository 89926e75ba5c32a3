import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per account name (`user:<name>`) and per client address
 * (`addr:<ip>`), in the database so every API process sees the same counts.
 */
@Entity({ name: 'login_throttles' })
export class LoginThrottle {
  @PrimaryColumn({ name: 'throttle_key', type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'int', default: 0 })
  lockouts: number;

  @Column({ name: 'first_failure_at', type: 'datetime', precision: 3, nullable: true })
  firstFailureAt: Date | null;

  @Column({ name: 'last_failure_at', type: 'datetime', precision: 3, nullable: true })
  lastFailureAt: Date | null;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;
}

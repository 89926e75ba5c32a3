import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { Role } from '../roles';
import { Department } from './department.entity';

@Unique('uq_users_username', ['username'])
@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100, select: false })
  passwordHash: string;

  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @ManyToOne(() => Department, { eager: true })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_users_department' })
  department: Department;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Set by the code that creates the row (the same on SQLite and MySQL). */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /**
   * Security stamp: carried in every access token and raised on a role change, deactivation,
   * password change or reset, administrator lock and two-factor reset, which makes every token
   * issued before invalid at once.
   */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  /** Set on accounts created or reset by an administrator: until changed, only change-password and logout. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt: Date | null;

  /** Locked by the security administrator (not by failed logins, which live in login_throttles). */
  @Column({ name: 'admin_locked', type: 'boolean', default: false })
  adminLocked: boolean;

  /** TOTP secret, AES-256-GCM encrypted (see secret-box.ts); never returned after enrolment. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 255, nullable: true, select: false })
  totpSecret: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled: boolean;

  /** The last accepted TOTP time step: a code is accepted once (replay protection). */
  @Column({ name: 'totp_last_step', type: 'int', nullable: true, select: false })
  totpLastStep: number | null;
}

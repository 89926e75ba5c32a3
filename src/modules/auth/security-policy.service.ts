import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { SecuritySetting } from './entities/security-setting.entity';
import { ADMIN_ROLES, Principal, Role } from './roles';

export interface LockoutPolicy {
  /** Consecutive failures of one account name before it is locked. */
  accountThreshold: number;
  /** Failures from one client address (any account names) before the address is throttled. */
  addressThreshold: number;
  /** The first lock lasts this long; each further failure after a lock doubles it… */
  baseLockSeconds: number;
  /** …up to this. */
  maxLockSeconds: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterSeconds: number;
}

export interface SecurityPolicy {
  /** Roles that must sign in with a second factor (TOTP). */
  twoFactorRequiredRoles: Role[];
  lockout: LockoutPolicy;
}

/** In production mode these roles always need two-factor sign-in, whatever the policy says. */
export const ALWAYS_TWO_FACTOR_IN_PRODUCTION: readonly Role[] = ['office', 'dept_admin'];

const DEFAULT_LOCKOUT: LockoutPolicy = {
  accountThreshold: 5,
  addressThreshold: 20,
  baseLockSeconds: 60,
  maxLockSeconds: 3600,
  forgetAfterSeconds: 86400,
};

const NAME = 'policy';
const CACHE_MS = 5000;

/**
 * The security administrator's policy (two-factor roles, lockout thresholds), stored in
 * `security_settings`; defaults depend on JC_MODE. Cached for a few seconds per process.
 */
@Injectable()
export class SecurityPolicyService {
  private cached?: { at: number; policy: SecurityPolicy };

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  defaults(): SecurityPolicy {
    return {
      twoFactorRequiredRoles:
        this.config.mode === 'production'
          ? [...ALWAYS_TWO_FACTOR_IN_PRODUCTION, ...ADMIN_ROLES]
          : [],
      lockout: { ...DEFAULT_LOCKOUT },
    };
  }

  async get(): Promise<SecurityPolicy> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.policy;
    const row = await this.db.getRepository(SecuritySetting).findOne({ where: { name: NAME } });
    const stored = (row?.value ?? {}) as Partial<SecurityPolicy>;
    const d = this.defaults();
    const policy: SecurityPolicy = {
      twoFactorRequiredRoles: stored.twoFactorRequiredRoles ?? d.twoFactorRequiredRoles,
      lockout: { ...d.lockout, ...(stored.lockout ?? {}) },
    };
    this.cached = { at: Date.now(), policy };
    return policy;
  }

  /** Whether the role must use two-factor sign-in under the policy and the mode. */
  async twoFactorRequired(role: Role): Promise<boolean> {
    if (this.config.mode === 'production' && ALWAYS_TWO_FACTOR_IN_PRODUCTION.includes(role))
      return true;
    return (await this.get()).twoFactorRequiredRoles.includes(role);
  }

  async set(
    update: { twoFactorRequiredRoles?: Role[]; lockout?: Partial<LockoutPolicy> },
    actor: Principal,
  ): Promise<SecurityPolicy> {
    const before = await this.get();
    const after: SecurityPolicy = {
      twoFactorRequiredRoles: update.twoFactorRequiredRoles ?? before.twoFactorRequiredRoles,
      lockout: { ...before.lockout, ...definedOnly(update.lockout ?? {}) },
    };
    if (after.lockout.maxLockSeconds < after.lockout.baseLockSeconds)
      throw new BadRequestException('lockout.maxLockSeconds 不能小于 lockout.baseLockSeconds');
    await this.db.transaction(async (m) => {
      await m.getRepository(SecuritySetting).save({
        name: NAME,
        value: after,
        updatedAt: new Date(),
        updatedBy: actor.username,
      });
      await this.audit.record(
        {
          actor,
          action: 'security-policy.update',
          entityType: 'security-policy',
          entityId: NAME,
          before,
          after,
        },
        m,
      );
    });
    this.cached = undefined;
    return this.get();
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

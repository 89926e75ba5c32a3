import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, MoreThan, Or } from 'typeorm';
import { LoginThrottle } from './entities/login-throttle.entity';
import { LockoutPolicy } from './security-policy.service';

export type ThrottleScope = 'account' | 'address';

export interface ActiveLock {
  key: string;
  scope: ThrottleScope;
  until: Date;
}

export function accountKey(username: string): string {
  return `user:${username.trim().toLowerCase().slice(0, 64)}`;
}

export function addressKey(ip: string): string {
  return `addr:${ip.slice(0, 100)}`;
}

function scopeOf(key: string): ThrottleScope {
  return key.startsWith('user:') ? 'account' : 'address';
}

/** The lock after the n-th consecutive failure: none below the threshold, then doubling. */
export function lockSeconds(failures: number, threshold: number, p: LockoutPolicy): number {
  if (failures < threshold) return 0;
  return Math.min(p.baseLockSeconds * 2 ** (failures - threshold), p.maxLockSeconds);
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/**
 * 423 for a locked account name, 429 for a throttled client address; the message says when to
 * try again (Beijing time) and the body carries `retryAfterSeconds`.
 */
export function lockedException(lock: ActiveLock, now = new Date()): HttpException {
  const seconds = Math.max(1, Math.ceil((lock.until.getTime() - now.getTime()) / 1000));
  const when = `${BEIJING.format(lock.until)}（北京时间，约 ${seconds} 秒后）`;
  const account = lock.scope === 'account';
  return new HttpException(
    {
      statusCode: account ? HttpStatus.LOCKED : HttpStatus.TOO_MANY_REQUESTS,
      error: account ? 'Locked' : 'Too Many Requests',
      message: account
        ? `登录失败次数过多，该账户已临时锁定，请于 ${when}再试；如需提前解锁请联系安全管理员`
        : `来自该地址的登录失败次数过多，请于 ${when}再试`,
      lockedUntil: lock.until.toISOString(),
      retryAfterSeconds: seconds,
    },
    account ? HttpStatus.LOCKED : HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * Failed sign-ins per account name and per client address, persisted so every API process
 * counts the same failures. A name that does not exist is counted exactly like one that does.
 */
@Injectable()
export class LoginThrottleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The active lock on any of the keys that ends last, if any. */
  async activeLock(keys: string[], now = new Date()): Promise<ActiveLock | null> {
    const rows = await this.db
      .getRepository(LoginThrottle)
      .find({ where: { key: In(keys), lockedUntil: MoreThan(now) } });
    const latest = rows.sort((a, b) => b.lockedUntil!.getTime() - a.lockedUntil!.getTime())[0];
    return latest
      ? { key: latest.key, scope: scopeOf(latest.key), until: latest.lockedUntil! }
      : null;
  }

  /**
   * Counts an attempt of an account name *before* its password or code is checked, atomically
   * (row lock on MySQL; SQLite writes are serialised), so parallel guesses cannot all slip in
   * before the first failures are written: once the threshold is reached every further attempt
   * is refused. Returns `refused` when the name is locked, else the lock this attempt starts
   * (`startsLock`) should it fail. A successful attempt clears the name's row.
   */
  async reserve(
    key: string,
    threshold: number,
    policy: LockoutPolicy,
  ): Promise<{ refused?: ActiveLock; startsLock?: ActiveLock }> {
    return this.count(key, threshold, policy, true);
  }

  /** Counts one failure (per address, after the fact); returns the lock it starts, if any. */
  async fail(key: string, threshold: number, policy: LockoutPolicy): Promise<ActiveLock | null> {
    return (await this.count(key, threshold, policy, false)).startsLock ?? null;
  }

  private async count(
    key: string,
    threshold: number,
    policy: LockoutPolicy,
    refuseWhileLocked: boolean,
  ): Promise<{ refused?: ActiveLock; startsLock?: ActiveLock }> {
    await this.sweep(policy);
    await this.db
      .getRepository(LoginThrottle)
      .createQueryBuilder()
      .insert()
      .values({ key, failures: 0, lockouts: 0 })
      .orIgnore()
      .execute();
    return this.db.transaction(async (m) => {
      const qb = m
        .getRepository(LoginThrottle)
        .createQueryBuilder('t')
        .where('t.throttle_key = :key', { key });
      if (this.db.options.type === 'mysql') qb.setLock('pessimistic_write');
      const row = (await qb.getOne())!;
      const now = new Date();
      if (refuseWhileLocked && row.lockedUntil && row.lockedUntil > now)
        return { refused: { key, scope: scopeOf(key), until: row.lockedUntil } };
      const forgotten =
        !row.lastFailureAt ||
        now.getTime() - row.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000;
      row.failures = forgotten ? 1 : row.failures + 1;
      if (forgotten) row.firstFailureAt = now;
      row.lastFailureAt = now;
      const seconds = lockSeconds(row.failures, threshold, policy);
      let startsLock: ActiveLock | undefined;
      if (seconds > 0) {
        row.lockedUntil = new Date(now.getTime() + seconds * 1000);
        row.lockouts += 1;
        startsLock = { key, scope: scopeOf(key), until: row.lockedUntil };
      }
      await m.getRepository(LoginThrottle).save(row);
      return { startsLock };
    });
  }

  private calls = 0;

  /** Now and then, forgets rows whose failures are old and whose lock is over. */
  private async sweep(policy: LockoutPolicy): Promise<void> {
    if (this.calls++ % 200 !== 0) return;
    const now = Date.now();
    await this.db.getRepository(LoginThrottle).delete({
      lastFailureAt: LessThan(new Date(now - policy.forgetAfterSeconds * 1000)),
      lockedUntil: Or(IsNull(), LessThan(new Date(now))),
    });
  }

  async clear(key: string): Promise<void> {
    await this.db.getRepository(LoginThrottle).delete({ key });
  }

  /** Current locks and counts, for the security administrator. */
  async list(): Promise<LoginThrottle[]> {
    return this.db
      .getRepository(LoginThrottle)
      .find({ order: { lastFailureAt: 'DESC' }, take: 500 });
  }
}

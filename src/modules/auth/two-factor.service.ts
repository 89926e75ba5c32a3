import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RecoveryCode } from './entities/recovery-code.entity';
import { User } from './entities/user.entity';
import { SecretBox } from './secret-box';

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'jointcheck';
const PERIOD = 30;
/** One 30-second step either side, for clock drift. */
const WINDOW = 1;

function totpFor(username: string, base32: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(base32),
  });
}

function hashCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}

function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase();
}

/** `xxxxx-xxxxx` of base32 characters: 50 bits each, enough for a single-use code. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * TOTP (RFC 6238, otpauth: SHA-1, 6 digits, 30 s — what authenticator apps expect) with single-use recovery codes. The secret is sealed at rest and never
 * returned after enrolment; an accepted code's time step is remembered so a code works once.
 */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = new SecretBox(config.payloadCodecKey, 'jointcheck totp secret v1');
  }

  /** A new, not yet active secret for the user (replaces an unconfirmed one). */
  async beginEnrolment(user: User): Promise<{ secret: string; otpauthUri: string }> {
    const secret = new Secret({ size: 20 }).base32;
    await this.db
      .getRepository(User)
      .update(
        { id: user.id },
        { totpSecret: this.box.seal(secret), totpEnabled: false, totpLastStep: null },
      );
    return { secret, otpauthUri: totpFor(user.username, secret).toString() };
  }

  /**
   * Checks a six-digit code against the user's secret (confirmed or being enrolled) and, when it
   * is good and not used before, records its time step.
   */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const row = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.totpSecret', 'u.totpLastStep'])
      .where('u.id = :userId', { userId })
      .getOne();
    if (!row?.totpSecret) return false;
    const now = Date.now();
    const delta = totpFor(row.username, this.box.open(row.totpSecret)).validate({
      token: code,
      window: WINDOW,
      timestamp: now,
    });
    if (delta === null) return false;
    const step = Math.floor(now / 1000 / PERIOD) + delta;
    if (row.totpLastStep !== null && step <= row.totpLastStep) return false;
    // Conditional update: of two requests with the same code, only one wins.
    const res = await this.db
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: step })
      .where('id = :userId', { userId })
      .andWhere('(totp_last_step IS NULL OR totp_last_step < :step)', { step })
      .execute();
    return (res.affected ?? 0) === 1;
  }

  /** Turns enrolment on and returns fresh recovery codes (shown once). */
  async activate(userId: string, manager?: EntityManager): Promise<string[]> {
    const m = manager ?? this.db.manager;
    await m.getRepository(User).update({ id: userId }, { totpEnabled: true });
    return this.replaceRecoveryCodes(userId, m);
  }

  async replaceRecoveryCodes(userId: string, manager?: EntityManager): Promise<string[]> {
    const m = manager ?? this.db.manager;
    await m.getRepository(RecoveryCode).delete({ userId });
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = new Date();
    await m.getRepository(RecoveryCode).save(
      codes.map((c) => ({
        id: randomUUID(),
        userId,
        codeHash: hashCode(c),
        createdAt: now,
        usedAt: null,
      })),
    );
    return codes;
  }

  /** Uses up a recovery code; true only for the first use of a code of this user. */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const res = await this.db
      .getRepository(RecoveryCode)
      .update({ userId, codeHash: hashCode(code), usedAt: IsNull() }, { usedAt: new Date() });
    return (res.affected ?? 0) === 1;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    return this.db.getRepository(RecoveryCode).count({ where: { userId, usedAt: IsNull() } });
  }

  /** Removes the secret and every recovery code. */
  async remove(userId: string, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.db.manager;
    await m.getRepository(RecoveryCode).delete({ userId });
    await m
      .getRepository(User)
      .update({ id: userId }, { totpSecret: null, totpEnabled: false, totpLastStep: null });
  }
}

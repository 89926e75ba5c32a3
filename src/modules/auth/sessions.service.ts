import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Session } from './entities/session.entity';

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

/** `8h`, `30m`, `45s`, `2d` → milliseconds. */
export function durationMs(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new Error(`bad duration ${text}`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's']!;
}

/** last_seen_at is written at most this often per session. */
const TOUCH_MS = 60_000;

/**
 * Server-side sessions: every access token names one, and a token is good only while its session
 * is live (not revoked, not expired, not idle too long).
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  lifetimeMs(): number {
    return durationMs(this.config.jwt.expiresIn);
  }

  async create(
    userId: string,
    client: ClientInfo,
    kind = 'bearer',
    manager?: EntityManager,
  ): Promise<Session> {
    const now = new Date();
    const repo = (manager ?? this.db.manager).getRepository(Session);
    return repo.save({
      id: randomUUID(),
      userId,
      kind,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.lifetimeMs()),
      idleExpiresAt: null,
      revokedAt: null,
      revokedReason: null,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
  }

  /** The session if it is live for this user; notes that it was seen. */
  async live(id: string, userId: string): Promise<Session | null> {
    const repo = this.db.getRepository(Session);
    const s = await repo.findOne({ where: { id, userId } });
    const now = new Date();
    if (!s || s.revokedAt || s.expiresAt <= now) return null;
    if (s.idleExpiresAt && s.idleExpiresAt <= now) return null;
    if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_MS) {
      await repo.update({ id }, { lastSeenAt: now });
    }
    return s;
  }

  async revoke(id: string, reason: string): Promise<void> {
    await this.db
      .getRepository(Session)
      .update({ id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Ends every live session of the user (e.g. deactivation, role change, password change). */
  async revokeAll(userId: string, reason: string, manager?: EntityManager): Promise<number> {
    const res = await (manager ?? this.db.manager)
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
    return res.affected ?? 0;
  }

  async listForUser(userId: string): Promise<Session[]> {
    return this.db.getRepository(Session).find({
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
  }
}

import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { DEMO_PASSWORD } from '../demo/pengyang';
import { CreateDepartmentDto, CreateUserDto } from './dto/auth.dto';
import { Department } from './entities/department.entity';
import { User } from './entities/user.entity';
import {
  accountKey,
  ActiveLock,
  addressKey,
  LoginThrottleService,
  lockedException,
} from './login-throttle.service';
import { passwordProblems } from './password-policy';
import { BusinessRole, isAdminRole, PendingStep, Principal, Role, SYSTEM_PRINCIPAL } from './roles';
import { SecurityPolicyService } from './security-policy.service';
import { ClientInfo, SessionsService } from './sessions.service';
import { TwoFactorService } from './two-factor.service';

const BCRYPT_ROUNDS = 10;
const PENDING_2FA_TYPE = 'two-factor-pending';
const PENDING_2FA_LIFETIME = '5m';

/**
 * Compared against when the account name is unknown or inactive, so every sign-in attempt costs
 * one bcrypt comparison of the same cost whether or not the account exists.
 */
const DUMMY_HASH = bcrypt.hashSync(randomBytes(18).toString('base64'), BCRYPT_ROUNDS);

/** Claims of an access token: user, session and the user's security stamp. */
export interface AccessClaims {
  sub: string;
  sid?: string;
  ver?: number;
  typ?: string;
}

export interface LoginResult {
  /** Present when the sign-in is complete. */
  accessToken?: string;
  principal?: Principal;
  /** Present when a second factor is needed: send it with the code to POST /auth/login/2fa. */
  twoFactorRequired?: true;
  pendingToken?: string;
}

export interface CreateUserOptions {
  /** Accounts created by an administrator must change the password at first sign-in. */
  mustChangePassword?: boolean;
  /** Only the host CLI creates the three administrators. */
  allowAdminRole?: boolean;
  manager?: EntityManager;
}

/** Accounts, departments, sign-in, sessions and the administrators' account operations. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: SessionsService,
    private readonly twoFactor: TwoFactorService,
    private readonly policy: SecurityPolicyService,
  ) {}

  // ── sign-in ──────────────────────────────────────────────────────────────────────────────

  async login(username: string, password: string, client: ClientInfo = {}): Promise<LoginResult> {
    const attempt = await this.beginAttempt(username, client);
    const user = await this.userWithHash({ username });
    // The same bcrypt work for an unknown, an inactive and a real account.
    const passwordOk = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.active || !passwordOk) {
      const reason = !user ? 'unknown-account' : !user.active ? 'inactive' : 'wrong-password';
      await this.attemptFailed(username, client, reason, attempt);
      throw new UnauthorizedException('用户名或密码错误');
    }
    await this.throttle.clear(accountKey(username));
    if (this.config.mode === 'production' && password === DEMO_PASSWORD) {
      await this.auditAttempt('auth.login-failed', username, client, { reason: 'demo-password' });
      throw new ForbiddenException(
        '生产模式（JC_MODE=production）下不能使用演示密码登录：请联系系统管理员重置密码',
      );
    }
    if (user.adminLocked) {
      await this.auditAttempt('auth.login-failed', username, client, { reason: 'admin-locked' });
      throw new HttpException(
        {
          statusCode: HttpStatus.LOCKED,
          error: 'Locked',
          message: '账户已被安全管理员锁定，请联系安全管理员解锁',
        },
        HttpStatus.LOCKED,
      );
    }
    if (user.totpEnabled) {
      const pendingToken = await this.jwt.signAsync(
        { sub: user.id, ver: user.tokenVersion, typ: PENDING_2FA_TYPE },
        { expiresIn: PENDING_2FA_LIFETIME },
      );
      return { twoFactorRequired: true, pendingToken };
    }
    return this.startSession(user, client, 'password');
  }

  /** Second step: the pending token from the first and a TOTP code or a recovery code. */
  async loginSecondFactor(
    pendingToken: string,
    proof: { code?: string; recoveryCode?: string },
    client: ClientInfo = {},
  ): Promise<LoginResult> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(pendingToken);
    } catch {
      throw new UnauthorizedException('两步验证已过期或无效，请重新输入用户名和密码');
    }
    if (claims.typ !== PENDING_2FA_TYPE) throw new UnauthorizedException('两步验证令牌无效');
    const user = await this.db.getRepository(User).findOne({ where: { id: claims.sub } });
    if (
      !user ||
      !user.active ||
      user.adminLocked ||
      !user.totpEnabled ||
      user.tokenVersion !== claims.ver
    )
      throw new UnauthorizedException('两步验证已过期或无效，请重新输入用户名和密码');
    const attempt = await this.beginAttempt(user.username, client);
    const byRecovery = !proof.code && !!proof.recoveryCode;
    const ok = proof.code
      ? await this.twoFactor.verifyCode(user.id, proof.code)
      : proof.recoveryCode
        ? await this.twoFactor.useRecoveryCode(user.id, proof.recoveryCode)
        : false;
    if (!ok) {
      const reason = byRecovery ? 'wrong-recovery-code' : 'wrong-totp-code';
      await this.attemptFailed(user.username, client, reason, attempt);
      throw new UnauthorizedException(byRecovery ? '恢复码错误或已使用' : '动态口令错误或已使用');
    }
    await this.throttle.clear(accountKey(user.username));
    if (byRecovery) {
      await this.audit.record({
        actor: this.actorOf(user),
        action: 'auth.recovery-code-used',
        entityType: 'user',
        entityId: user.username,
        context: { ip: client.ip, remaining: await this.twoFactor.remainingRecoveryCodes(user.id) },
      });
    }
    return this.startSession(user, client, byRecovery ? 'password+recovery-code' : 'password+totp');
  }

  async logout(principal: Principal, all = false): Promise<{ revoked: number }> {
    let revoked = 0;
    if (all) revoked = await this.sessions.revokeAll(principal.userId, 'logout-all');
    else if (principal.sessionId) {
      await this.sessions.revoke(principal.sessionId, 'logout');
      revoked = 1;
    }
    await this.audit.record({
      actor: principal,
      action: 'auth.logout',
      entityType: 'user',
      entityId: principal.username,
      context: { sessionId: principal.sessionId, all },
    });
    return { revoked };
  }

  /**
   * The principal for an access token, or null when the token no longer counts: the session is
   * revoked or expired, the account inactive or locked, or its security stamp moved on.
   */
  async principalForToken(claims: AccessClaims): Promise<Principal | null> {
    if (claims.typ || !claims.sid || typeof claims.ver !== 'number') return null;
    const user = await this.db.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || !user.active || user.adminLocked || user.tokenVersion !== claims.ver) return null;
    const session = await this.sessions.live(claims.sid, user.id);
    if (!session) return null;
    return { ...toPrincipal(user), sessionId: session.id, pending: await this.pendingSteps(user) };
  }

  /** A principal for server-side callers (CLI, demo seeding); no session. */
  async principalForUser(userId: string): Promise<Principal | null> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId } });
    return user && user.active ? toPrincipal(user) : null;
  }

  // ── the account's own password and second factor ────────────────────────────────────────

  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo = {},
  ): Promise<LoginResult> {
    const attempt = await this.beginAttempt(principal.username, client);
    const user = await this.userWithHash({ id: principal.userId });
    if (!user || !(await bcrypt.compare(currentPassword, user.passwordHash))) {
      await this.attemptFailed(principal.username, client, 'wrong-current-password', attempt);
      throw new UnauthorizedException('当前密码错误');
    }
    await this.throttle.clear(accountKey(principal.username));
    if (currentPassword === newPassword) throw new BadRequestException('新密码不能与当前密码相同');
    this.checkPolicy(newPassword, user.username);
    const hash = await bcrypt.hash(newPassword, BCRYPT_ROUNDS);
    const updated = await this.db.transaction(async (m) => {
      await m.getRepository(User).update(
        { id: user.id },
        {
          passwordHash: hash,
          mustChangePassword: false,
          passwordChangedAt: new Date(),
          tokenVersion: user.tokenVersion + 1,
        },
      );
      await this.sessions.revokeAll(user.id, 'password-change', m);
      await this.audit.record(
        {
          actor: principal,
          action: 'user.password-change',
          entityType: 'user',
          entityId: user.username,
          context: { ip: client.ip, forced: user.mustChangePassword },
        },
        m,
      );
      return (await m.getRepository(User).findOne({ where: { id: user.id } }))!;
    });
    return this.startSession(updated, client, 'password-change');
  }

  async beginTwoFactorEnrolment(principal: Principal) {
    const user = await this.requireUser(principal.username);
    if (user.totpEnabled)
      throw new ConflictException('已启用两步验证；如需更换设备，请先停用（或请安全管理员重置）');
    const { secret, otpauthUri } = await this.twoFactor.beginEnrolment(user);
    return {
      secret,
      otpauthUri,
      message:
        '请用身份验证器应用扫描或输入密钥，再以 POST /auth/2fa/confirm 提交一个动态口令完成启用；密钥不会再次显示',
    };
  }

  async confirmTwoFactor(principal: Principal, code: string) {
    const user = await this.requireUser(principal.username);
    if (user.totpEnabled) throw new ConflictException('两步验证已启用');
    if (!(await this.twoFactor.verifyCode(user.id, code)))
      throw new BadRequestException('动态口令错误：请确认手机时间准确，并使用最新的口令');
    const recoveryCodes = await this.db.transaction(async (m) => {
      const codes = await this.twoFactor.activate(user.id, m);
      await this.audit.record(
        { actor: principal, action: 'auth.2fa-enrol', entityType: 'user', entityId: user.username },
        m,
      );
      return codes;
    });
    return {
      enabled: true,
      recoveryCodes,
      message: '两步验证已启用。以下 10 个恢复码每个只能使用一次，仅显示这一次，请妥善保存',
    };
  }

  async disableTwoFactor(principal: Principal, proof: { code?: string; recoveryCode?: string }) {
    const user = await this.requireUser(principal.username);
    if (!user.totpEnabled) throw new ConflictException('尚未启用两步验证');
    if (await this.policy.twoFactorRequired(user.role))
      throw new ForbiddenException(
        '按安全策略，该角色必须使用两步验证，不能停用；更换设备请联系安全管理员重置',
      );
    const ok = proof.code
      ? await this.twoFactor.verifyCode(user.id, proof.code)
      : proof.recoveryCode
        ? await this.twoFactor.useRecoveryCode(user.id, proof.recoveryCode)
        : false;
    if (!ok) throw new BadRequestException('动态口令或恢复码错误');
    await this.db.transaction(async (m) => {
      await this.twoFactor.remove(user.id, m);
      await this.audit.record(
        {
          actor: principal,
          action: 'auth.2fa-disable',
          entityType: 'user',
          entityId: user.username,
        },
        m,
      );
    });
    return { enabled: false };
  }

  async accountStatus(principal: Principal) {
    const user = await this.requireUser(principal.username);
    return {
      ...principal,
      twoFactorEnabled: user.totpEnabled,
      twoFactorRequired: await this.policy.twoFactorRequired(user.role),
      recoveryCodesLeft: user.totpEnabled
        ? await this.twoFactor.remainingRecoveryCodes(user.id)
        : 0,
      passwordChangedAt: user.passwordChangedAt,
    };
  }

  // ── departments and accounts ──────────────────────────────────────────────────────────────

  async findDepartment(code: string): Promise<Department | null> {
    return this.db.getRepository(Department).findOne({ where: { code } });
  }

  async findUser(username: string): Promise<User | null> {
    return this.db.getRepository(User).findOne({ where: { username } });
  }

  async listDepartments(): Promise<Department[]> {
    return this.db.getRepository(Department).find({ order: { code: 'ASC' } });
  }

  async listUsers() {
    const users = await this.db.getRepository(User).find({ order: { username: 'ASC' } });
    return users.map((u) => ({
      ...toPrincipal(u),
      displayName: u.displayName,
      active: u.active,
      adminLocked: u.adminLocked,
      mustChangePassword: u.mustChangePassword,
      twoFactorEnabled: u.totpEnabled,
    }));
  }

  async createDepartment(
    dto: CreateDepartmentDto,
    actor: Principal = SYSTEM_PRINCIPAL,
  ): Promise<Department> {
    return this.db.transaction(async (m) => {
      if (await m.getRepository(Department).exist({ where: { code: dto.code } })) {
        throw new ConflictException(`部门编码 ${dto.code} 已存在`);
      }
      const dept = await m.getRepository(Department).save({
        id: randomUUID(),
        code: dto.code,
        name: dto.name,
        isOffice: dto.isOffice ?? false,
        createdAt: new Date(),
      });
      await this.audit.record(
        {
          actor,
          action: 'department.create',
          entityType: 'department',
          entityId: dept.code,
          after: dept,
        },
        m,
      );
      return dept;
    });
  }

  async createUser(
    dto: CreateUserDto,
    actor: Principal = SYSTEM_PRINCIPAL,
    opts: CreateUserOptions = {},
  ): Promise<Principal> {
    if (isAdminRole(dto.role) && !opts.allowAdminRole)
      throw new ForbiddenException(
        `role: 管理员角色 ${dto.role} 只能在服务器上用 jointcheck user create 创建（三员分立）`,
      );
    this.checkPolicy(dto.password, dto.username);
    const work = async (m: EntityManager) => {
      const dept = await m
        .getRepository(Department)
        .findOne({ where: { code: dto.departmentCode } });
      if (!dept) throw new BadRequestException(`departmentCode: 部门 ${dto.departmentCode} 不存在`);
      if (dto.role === 'office' && !dept.isOffice) {
        throw new BadRequestException('role: office 角色只能属于联席会议办公室部门');
      }
      if (await m.getRepository(User).exist({ where: { username: dto.username } })) {
        throw new ConflictException(`用户名 ${dto.username} 已存在`);
      }
      const user = await m.getRepository(User).save({
        id: randomUUID(),
        username: dto.username,
        displayName: dto.displayName,
        passwordHash: await bcrypt.hash(dto.password, BCRYPT_ROUNDS),
        departmentId: dept.id,
        role: dto.role,
        email: dto.email ?? null,
        active: true,
        createdAt: new Date(),
        tokenVersion: 0,
        mustChangePassword: opts.mustChangePassword ?? false,
        passwordChangedAt: null,
        adminLocked: false,
        totpSecret: null,
        totpEnabled: false,
        totpLastStep: null,
      });
      const principal = toPrincipal({ ...user, department: dept } as User);
      await this.audit.record(
        {
          actor,
          action: 'user.create',
          entityType: 'user',
          entityId: user.username,
          after: principal,
          context: { forcedChange: user.mustChangePassword },
        },
        m,
      );
      return principal;
    };
    return opts.manager ? work(opts.manager) : this.db.transaction(work);
  }

  // ── administrators' operations on business accounts (三员分立) ──────────────────────────────

  /** System administrator: activate or deactivate; deactivation ends every session at once. */
  async setActive(username: string, active: boolean, actor: Principal) {
    return this.changeAccount(
      username,
      actor,
      active ? 'user.activate' : 'user.deactivate',
      () => ({
        changes: { active },
        revoke: !active,
      }),
    );
  }

  /** System administrator: a random temporary password, shown once, to be changed at sign-in. */
  async resetPassword(username: string, actor: Principal, host = false) {
    const temporaryPassword = temporaryPasswordText();
    const hash = await bcrypt.hash(temporaryPassword, BCRYPT_ROUNDS);
    await this.changeAccount(
      username,
      actor,
      'user.password-reset',
      () => ({
        changes: { passwordHash: hash, mustChangePassword: true, passwordChangedAt: new Date() },
        revoke: true,
      }),
      { adminAccountsToo: host },
    );
    await this.throttle.clear(accountKey(username));
    return {
      username,
      temporaryPassword,
      mustChangePassword: true,
      message: '临时密码仅显示这一次；用户首次登录后必须修改密码',
    };
  }

  /** Security administrator: a business role; every session of the account ends at once. */
  async changeRole(username: string, role: BusinessRole, actor: Principal) {
    const user = await this.requireUser(username);
    if (role === 'office' && !user.department.isOffice)
      throw new BadRequestException('role: office 角色只能属于联席会议办公室部门');
    return this.changeAccount(username, actor, 'user.role-change', (u) => ({
      changes: { role },
      revoke: u.role !== role,
    }));
  }

  /** Security administrator: lock the account (ends every session) … */
  async lock(username: string, actor: Principal) {
    return this.changeAccount(username, actor, 'user.lock', () => ({
      changes: { adminLocked: true },
      revoke: true,
    }));
  }

  /** … or lift an administrator lock and the failed-sign-in lock of the account name. */
  async unlock(username: string, actor: Principal) {
    const result = await this.changeAccount(
      username,
      actor,
      'user.unlock',
      () => ({ changes: { adminLocked: false }, revoke: false }),
      { adminAccountsToo: true },
    );
    await this.throttle.clear(accountKey(username));
    return result;
  }

  /** Security administrator: remove the second factor (lost phone); ends every session. */
  async resetTwoFactor(username: string, actor: Principal) {
    const user = await this.requireUser(username);
    const result = await this.changeAccount(username, actor, 'user.2fa-reset', () => ({
      changes: {},
      revoke: true,
    }));
    await this.twoFactor.remove(user.id);
    return result;
  }

  /** Host CLI (`jointcheck user reset-password`): any account, administrators included. */
  async hostResetPassword(username: string) {
    return this.resetPassword(username, { ...SYSTEM_PRINCIPAL, username: 'cli' }, true);
  }

  /** Host CLI (`jointcheck user unlock`): any account; optionally removes its second factor. */
  async hostUnlock(username: string, resetTwoFactor: boolean) {
    const actor = { ...SYSTEM_PRINCIPAL, username: 'cli' };
    const user = await this.requireUser(username);
    await this.changeAccount(
      username,
      actor,
      resetTwoFactor ? 'user.unlock+2fa-reset' : 'user.unlock',
      () => ({ changes: { adminLocked: false }, revoke: resetTwoFactor }),
      { adminAccountsToo: true },
    );
    await this.throttle.clear(accountKey(username));
    if (resetTwoFactor) await this.twoFactor.remove(user.id);
  }

  /**
   * One audited change of a business account. Administrator accounts are managed only on the
   * host (jointcheck user …), so no administrator can take over another's account.
   */
  private async changeAccount(
    username: string,
    actor: Principal,
    action: string,
    decide: (u: User) => { changes: Partial<User>; revoke: boolean },
    opts: { adminAccountsToo?: boolean } = {},
  ) {
    return this.db.transaction(async (m) => {
      const user = await m.getRepository(User).findOne({ where: { username } });
      if (!user) throw new NotFoundException(`用户 ${username} 不存在`);
      if (isAdminRole(user.role) && !opts.adminAccountsToo)
        throw new ForbiddenException(
          `${username} 是管理员账户（${user.role}），只能在服务器上用 jointcheck user 命令管理（三员分立）`,
        );
      if (user.id === actor.userId) throw new ForbiddenException('不能对自己的账户执行此管理操作');
      const { changes, revoke } = decide(user);
      const before = accountView(user);
      if (revoke) changes.tokenVersion = user.tokenVersion + 1;
      if (Object.keys(changes).length) await m.getRepository(User).update({ id: user.id }, changes);
      const revoked = revoke ? await this.sessions.revokeAll(user.id, action, m) : 0;
      const after = accountView({ ...user, ...changes } as User);
      await this.audit.record(
        {
          actor,
          action,
          entityType: 'user',
          entityId: username,
          before,
          after,
          context: { revokedSessions: revoked },
        },
        m,
      );
      return { ...after, revokedSessions: revoked };
    });
  }

  // ── helpers ───────────────────────────────────────────────────────────────────────────────

  private checkPolicy(password: string, username: string): void {
    const problems = passwordProblems(password, {
      username,
      refused: this.config.mode === 'production' ? [DEMO_PASSWORD] : [],
    });
    if (problems.length)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `密码不符合要求: ${problems.join('；')}`,
        errors: [{ field: 'password', value: '[hidden]', rules: problems }],
      });
  }

  private async pendingSteps(user: User): Promise<PendingStep[]> {
    const steps: PendingStep[] = [];
    if (user.mustChangePassword) steps.push('password-change');
    if (!user.totpEnabled && (await this.policy.twoFactorRequired(user.role)))
      steps.push('two-factor-enrolment');
    return steps;
  }

  private async startSession(user: User, client: ClientInfo, method: string): Promise<LoginResult> {
    const session = await this.db.transaction(async (m) => {
      const s = await this.sessions.create(user.id, client, 'bearer', m);
      await this.audit.record(
        {
          actor: this.actorOf(user),
          action: 'auth.login',
          entityType: 'user',
          entityId: user.username,
          context: { method, sessionId: s.id, ip: client.ip, userAgent: client.userAgent },
        },
        m,
      );
      return s;
    });
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      sid: session.id,
      ver: user.tokenVersion,
    });
    return {
      accessToken,
      principal: {
        ...toPrincipal(user),
        sessionId: session.id,
        pending: await this.pendingSteps(user),
      },
    };
  }

  /**
   * Before a password or code is checked: refuses a throttled address or a locked account name,
   * and counts the attempt against the name (see LoginThrottleService.reserve). Returns the lock
   * the attempt starts should it fail.
   */
  private async beginAttempt(username: string, client: ClientInfo): Promise<ActiveLock | null> {
    const { lockout } = await this.policy.get();
    const address = client.ip ? await this.throttle.activeLock([addressKey(client.ip)]) : null;
    const reserved = address
      ? { refused: address }
      : await this.throttle.reserve(accountKey(username), lockout.accountThreshold, lockout);
    if (reserved.refused) {
      const lock = reserved.refused;
      await this.auditAttempt('auth.login-failed', username, client, {
        reason: lock.scope === 'account' ? 'account-locked' : 'address-throttled',
        lockedUntil: lock.until.toISOString(),
      });
      throw lockedException(lock);
    }
    return reserved.startsLock ?? null;
  }

  /** A failed attempt: audited, counted against the address; a lock it starts is audited and answered. */
  private async attemptFailed(
    username: string,
    client: ClientInfo,
    reason: string,
    accountLock: ActiveLock | null,
  ): Promise<void> {
    const { lockout } = await this.policy.get();
    await this.auditAttempt('auth.login-failed', username, client, { reason });
    const addressLock = client.ip
      ? await this.throttle.fail(addressKey(client.ip), lockout.addressThreshold, lockout)
      : null;
    for (const lock of [accountLock, addressLock]) {
      if (!lock) continue;
      await this.auditAttempt('auth.lockout', username, client, {
        scope: lock.scope,
        lockedUntil: lock.until.toISOString(),
      });
    }
    const lock = accountLock ?? addressLock;
    if (lock) throw lockedException(lock);
  }

  /** Sign-in attempts are audited under the name tried (the actor is not known yet). */
  private async auditAttempt(
    action: string,
    username: string,
    client: ClientInfo,
    context: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record({
      actor: { username: 'anonymous', departmentCode: '' },
      action,
      entityType: 'user',
      entityId: username.slice(0, 64),
      context: { ...context, ip: client.ip, userAgent: client.userAgent },
    });
  }

  private actorOf(user: User): Pick<Principal, 'username' | 'departmentCode'> {
    return { username: user.username, departmentCode: user.department.code };
  }

  private async userWithHash(where: { username: string } | { id: string }): Promise<User | null> {
    const [col, value] = 'id' in where ? ['id', where.id] : ['username', where.username];
    return this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.department', 'd')
      .where(`u.${col} = :value`, { value })
      .getOne();
  }

  private async requireUser(username: string): Promise<User> {
    const user = await this.findUser(username);
    if (!user) throw new NotFoundException(`用户 ${username} 不存在`);
    return user;
  }
}

/** A temporary password for a reset: 20 characters of an unambiguous alphabet (~100 bits). */
function temporaryPasswordText(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

function accountView(u: User) {
  return {
    username: u.username,
    role: u.role as Role,
    active: u.active,
    adminLocked: u.adminLocked,
    forcedChange: u.mustChangePassword,
  };
}

function toPrincipal(user: User): Principal {
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentCode: user.department.code,
    isOffice: user.role === 'office' && user.department.isOffice,
  };
}

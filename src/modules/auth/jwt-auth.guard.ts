import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { lastValueFrom, Observable } from 'rxjs';
import { ADMIN_ROUTE, ALLOWED_WHILE, ALSO_ADMIN, IS_PUBLIC, SELF_SERVICE } from './decorators';
import { AdminRole, isAdminRole, PendingStep, Principal } from './roles';

const ROLE_NAMES: Record<AdminRole, string> = {
  sys_admin: '系统管理员',
  sec_admin: '安全管理员',
  audit_admin: '审计管理员',
};

const PENDING_MESSAGES: Record<PendingStep, string> = {
  'password-change':
    '请先修改密码：管理员设置的初始或重置密码须在首次登录后修改（POST /auth/password），在此之前只能修改密码或退出登录',
  'two-factor-enrolment':
    '按安全策略，该账户须先启用两步验证（POST /auth/2fa/enrol，再 POST /auth/2fa/confirm），在此之前只能启用两步验证或退出登录',
};

/**
 * Global guard: every endpoint needs a live session unless marked @Public(); then
 * 1. an account that owes a step (password change, two-factor enrolment) may call only the
 *    routes for that step and logout;
 * 2. separated administration (三员分立): an @AdminRoute admits only its administrator roles;
 *    administrators call no business route (except one marked @AlsoAdmin for their role) and
 *    business roles call no administration route. @SelfService routes are open to everyone.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const result = super.canActivate(context);
    const ok =
      result instanceof Observable ? await lastValueFrom(result) : await Promise.resolve(result);
    if (!ok) return false;
    const principal = context.switchToHttp().getRequest().user as Principal;
    this.checkPending(
      principal,
      this.reflector.getAllAndOverride<PendingStep[]>(ALLOWED_WHILE, targets),
    );
    this.checkSeparation(
      principal,
      this.reflector.getAllAndOverride<AdminRole[] | undefined>(ADMIN_ROUTE, targets),
      this.reflector.getAllAndOverride<AdminRole[] | undefined>(ALSO_ADMIN, targets),
      this.reflector.getAllAndOverride<boolean | undefined>(SELF_SERVICE, targets) ?? false,
    );
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user)
      throw new UnauthorizedException(
        '需要登录：请在 Authorization 头中提供有效的 Bearer 令牌（令牌已退出、过期或账户状态已变更时须重新登录）',
      );
    return user;
  }

  private checkPending(principal: Principal, allowed: PendingStep[] | undefined): void {
    const first = principal.pending?.[0];
    if (!first) return;
    if (allowed?.includes(first)) return;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: PENDING_MESSAGES[first],
      pending: principal.pending,
    });
  }

  private checkSeparation(
    principal: Principal,
    adminRoute: AdminRole[] | undefined,
    alsoAdmin: AdminRole[] | undefined,
    selfService: boolean,
  ): void {
    if (selfService) return;
    const admin = isAdminRole(principal.role);
    if (adminRoute) {
      if (admin && adminRoute.includes(principal.role as AdminRole)) return;
      throw new ForbiddenException(
        `此管理操作仅限${adminRoute.map((r) => ROLE_NAMES[r]).join('或')}（三员分立），当前角色为 ${principal.role}`,
      );
    }
    if (admin && !alsoAdmin?.includes(principal.role as AdminRole))
      throw new ForbiddenException(
        `${ROLE_NAMES[principal.role as AdminRole]}账户不能执行业务操作（三员分立）`,
      );
  }
}

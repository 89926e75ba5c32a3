import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { lastValueFrom, Observable } from 'rxjs';
import { ALLOWED_WHILE } from './decorators';
import { roleAllowed, ROUTE_ACCESS } from './route-access';
import { routeKey } from './route-key';
import {
  isAdminRole,
  ROLE_LABELS,
  roleLabel,
  type PendingStep,
  type Principal,
  type Role,
} from './roles';

const PENDING_MESSAGES: Record<PendingStep, string> = {
  'password-change':
    '请先修改密码：管理员设置的初始或重置密码须在首次登录后修改（POST /auth/password），在此之前只能修改密码或退出登录',
  'two-factor-enrolment':
    '按安全策略，该账户须先启用两步验证（POST /auth/2fa/enrol，再 POST /auth/2fa/confirm），在此之前只能启用两步验证或退出登录',
};

/**
 * Global guard. Every route is looked up in the route-access table (deny by default): public
 * routes pass; every other route needs a live session, then
 * 1. an account that owes a step (password change, two-factor enrolment) may call only the
 *    routes marked @AllowedWhile for that step, and logout;
 * 2. the caller's role must be one the route's rule names — which is also how separated
 *    administration (三员分立) holds: business routes name no administrator role, and
 *    administration routes no business role.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('RouteAccess');

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const key = routeKey(context.getClass(), context.getHandler());
    const rule = key ? ROUTE_ACCESS[key] : undefined;
    if (!rule) {
      this.logger.error(`route ${key ?? '?'} has no access rule in route-access.ts: refused`);
      throw new ForbiddenException(
        `该接口未声明访问规则，已拒绝 / route ${key} has no access rule`,
      );
    }
    if (rule === 'public') return true;
    const result = super.canActivate(context);
    const ok =
      result instanceof Observable ? await lastValueFrom(result) : await Promise.resolve(result);
    if (!ok) return false;
    const principal = context.switchToHttp().getRequest<Request>().user as Principal;
    this.checkPending(
      principal,
      this.reflector.get<PendingStep[] | undefined>(ALLOWED_WHILE, context.getHandler()),
    );
    if (!roleAllowed(rule, principal.role)) throw refusal(rule as readonly Role[], principal.role);
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
    if (!first || allowed?.includes(first)) return;
    throw new ForbiddenException({
      statusCode: 403,
      error: 'Forbidden',
      message: PENDING_MESSAGES[first],
      pending: principal.pending,
    });
  }
}

/** The 403 for a role outside the rule, worded for separated administration where it applies. */
function refusal(rule: readonly Role[], role: Role): ForbiddenException {
  const allowed = rule.map(roleLabel).join('、');
  if (isAdminRole(role) && !rule.some(isAdminRole))
    return new ForbiddenException(
      `${ROLE_LABELS[role]}账户不能执行业务操作（三员分立）；此操作仅限 ${allowed}`,
    );
  if (!isAdminRole(role) && rule.every(isAdminRole))
    return new ForbiddenException(
      `此管理操作仅限 ${allowed}（三员分立），当前角色为 ${roleLabel(role)}`,
    );
  return new ForbiddenException(`此操作仅限 ${allowed}；当前角色为 ${roleLabel(role)}`);
}

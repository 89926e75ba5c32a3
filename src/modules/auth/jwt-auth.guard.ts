import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { roleAllowed, ROUTE_ACCESS } from './route-access';
import { routeKey } from './route-key';
import { roleLabel, type Principal, type Role } from './roles';

/**
 * Global guard: every route is looked up in the route-access table (deny by default). Public
 * routes pass; every other route needs a principal (bearer token) whose role the rule names.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('RouteAccess');

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
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest<Request>().user as Principal;
    if (!roleAllowed(rule, principal.role)) {
      throw new ForbiddenException(
        `此操作仅限 ${(rule as readonly Role[]).map(roleLabel).join('、')}；当前角色为 ${roleLabel(principal.role)}`,
      );
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user)
      throw new UnauthorizedException('需要登录：请在 Authorization 头中提供 Bearer 令牌');
    return user;
  }
}

import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AdminRole, PendingStep, Principal } from './roles';

export const IS_PUBLIC = 'jointcheck:isPublic';
export const ADMIN_ROUTE = 'jointcheck:adminRoute';
export const ALSO_ADMIN = 'jointcheck:alsoAdmin';
export const SELF_SERVICE = 'jointcheck:selfService';
export const ALLOWED_WHILE = 'jointcheck:allowedWhile';

/** Marks an endpoint public (published lists, plans, results, draw proofs, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * An administration route (三员分立): only the named administrator role may call it; business
 * roles and the other administrators get 403.
 */
export const AdminRoute = (...roles: AdminRole[]) => SetMetadata(ADMIN_ROUTE, roles);

/**
 * A business route that the named administrator roles may also call (e.g. the audit log for the
 * audit administrator, the department list for the system administrator).
 */
export const AlsoAdmin = (...roles: AdminRole[]) => SetMetadata(ALSO_ADMIN, roles);

/** A route about the caller's own account (me, logout, password, two-factor): every principal. */
export const SelfService = () => SetMetadata(SELF_SERVICE, true);

/** The route stays callable while the account still owes these steps (see Principal.pending). */
export const AllowedWhile = (...steps: PendingStep[]) => SetMetadata(ALLOWED_WHILE, steps);

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

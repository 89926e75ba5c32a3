import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PendingStep, Principal } from './roles';

export const ALLOWED_WHILE = 'jointcheck:allowedWhile';

/**
 * The route stays callable while the account still owes these steps (see Principal.pending).
 * Who may call a route at all is declared in route-access.ts.
 */
export const AllowedWhile = (...steps: PendingStep[]) => SetMetadata(ALLOWED_WHILE, steps);

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

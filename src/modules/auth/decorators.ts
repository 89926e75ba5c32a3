import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from './roles';

export const IS_PUBLIC = 'jointcheck:isPublic';

/** Marks an endpoint public (published lists, plans, results, draw proofs, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Principal } from './roles';

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);

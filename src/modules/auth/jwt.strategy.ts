import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AccessClaims, AuthService } from './auth.service';
import { Principal } from './roles';

/**
 * Validates bearer tokens against the server-side session and the user's security stamp, per
 * request: logout, deactivation, a role change, a password change or reset and an administrator
 * lock each end a token at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
    });
  }

  async validate(claims: AccessClaims): Promise<Principal> {
    const principal = await this.auth.principalForToken(claims);
    if (!principal) throw new UnauthorizedException('会话已结束或账户状态已变更，请重新登录');
    return principal;
  }
}

import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService } from './auth.service';
import { Principal } from './roles';

interface TokenClaims {
  sub: string;
}

/** Validates bearer tokens and reloads the user so a deactivated account loses access at once. */
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

  async validate(claims: TokenClaims): Promise<Principal> {
    const principal = await this.auth.principalForUser(claims.sub);
    if (!principal) throw new UnauthorizedException('账户不存在或已停用');
    return principal;
  }
}

import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Ip,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthService, LoginResult } from './auth.service';
import { AllowedWhile, CurrentPrincipal } from './decorators';
import {
  ChangePasswordDto,
  DisableTwoFactorDto,
  LoginDto,
  LoginSecondFactorDto,
  LogoutDto,
  TwoFactorCodeDto,
} from './dto/auth.dto';
import type { Principal } from './roles';
import { SessionsService, type ClientInfo } from './sessions.service';

/** Sets Retry-After on a lockout answer (423/429) before passing it on. */
async function withRetryAfter(res: Response, work: () => Promise<LoginResult>) {
  try {
    return await work();
  } catch (e) {
    const body = e instanceof HttpException ? e.getResponse() : undefined;
    if (body && typeof body === 'object' && 'retryAfterSeconds' in body)
      res.setHeader(
        'Retry-After',
        String((body as { retryAfterSeconds: number }).retryAfterSeconds),
      );
    throw e;
  }
}

/** Sign-in and the caller's own account. */
@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessionsService: SessionsService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const client: ClientInfo = { ip, userAgent };
    return withRetryAfter(res, () => this.auth.login(dto.username, dto.password, client));
  }

  @Post('auth/login/2fa')
  @HttpCode(200)
  loginSecondFactor(
    @Body() dto: LoginSecondFactorDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withRetryAfter(res, () =>
      this.auth.loginSecondFactor(
        dto.pendingToken,
        { code: dto.code, recoveryCode: dto.recoveryCode },
        { ip, userAgent },
      ),
    );
  }

  @ApiBearerAuth()
  @AllowedWhile('password-change', 'two-factor-enrolment')
  @Post('auth/logout')
  @HttpCode(200)
  logout(@CurrentPrincipal() principal: Principal, @Body() dto: LogoutDto) {
    return this.auth.logout(principal, dto.all ?? false);
  }

  @ApiBearerAuth()
  @Get('auth/me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  /** The account's security state: two-factor, recovery codes left, last password change. */
  @ApiBearerAuth()
  @Get('auth/account')
  account(@CurrentPrincipal() principal: Principal) {
    return this.auth.accountStatus(principal);
  }

  /** The account's live sessions (where and when signed in); end them with logout `{all: true}`. */
  @ApiBearerAuth()
  @Get('auth/sessions')
  async sessions(@CurrentPrincipal() principal: Principal) {
    const sessions = await this.sessionsService.listForUser(principal.userId);
    const now = new Date();
    return sessions
      .filter((s) => s.expiresAt > now)
      .map((s) => ({
        id: s.id,
        current: s.id === principal.sessionId,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        ip: s.ip,
        userAgent: s.userAgent,
      }));
  }

  /** Change the own password; every other session ends and a new token is returned. */
  @ApiBearerAuth()
  @AllowedWhile('password-change')
  @Post('auth/password')
  @HttpCode(200)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withRetryAfter(res, () =>
      this.auth.changePassword(principal, dto.currentPassword, dto.newPassword, { ip, userAgent }),
    );
  }

  @ApiBearerAuth()
  @AllowedWhile('two-factor-enrolment')
  @Post('auth/2fa/enrol')
  @HttpCode(200)
  enrol(@CurrentPrincipal() principal: Principal) {
    return this.auth.beginTwoFactorEnrolment(principal);
  }

  @ApiBearerAuth()
  @AllowedWhile('two-factor-enrolment')
  @Post('auth/2fa/confirm')
  @HttpCode(200)
  confirm(@CurrentPrincipal() principal: Principal, @Body() dto: TwoFactorCodeDto) {
    return this.auth.confirmTwoFactor(principal, dto.code);
  }

  @ApiBearerAuth()
  @Post('auth/2fa/disable')
  @HttpCode(200)
  disable(@CurrentPrincipal() principal: Principal, @Body() dto: DisableTwoFactorDto) {
    return this.auth.disableTwoFactor(principal, dto);
  }

  @ApiBearerAuth()
  @Get('departments')
  departments() {
    return this.auth.listDepartments();
  }
}

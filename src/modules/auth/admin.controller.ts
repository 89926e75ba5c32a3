import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './decorators';
import {
  AdminCreateUserDto,
  ChangeRoleDto,
  CreateDepartmentDto,
  SecurityPolicyDto,
  SetActiveDto,
} from './dto/auth.dto';
import { LoginThrottleService } from './login-throttle.service';
import type { Principal } from './roles';
import { SecurityPolicyService } from './security-policy.service';

/**
 * Separated administration (三员分立). The system administrator (sys_admin) keeps accounts and
 * departments; the security administrator (sec_admin) grants roles, locks and unlocks, resets
 * two-factor and sets the security policy; the audit administrator (audit_admin) reads the audit
 * log (GET /audit). Each route admits exactly one of them; no business role calls any.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottleService,
    private readonly policy: SecurityPolicyService,
  ) {}

  // ── system administrator ──

  @Get('users')
  users() {
    return this.auth.listUsers();
  }

  /** A new account (dept_officer or inspector) that must change its password at first sign-in. */
  @Post('users')
  createUser(@CurrentPrincipal() principal: Principal, @Body() dto: AdminCreateUserDto) {
    return this.auth.createUser(dto, principal, { mustChangePassword: true });
  }

  @Patch('users/:username')
  setActive(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() dto: SetActiveDto,
  ) {
    return this.auth.setActive(username, dto.active, principal);
  }

  @Post('users/:username/password-reset')
  @HttpCode(200)
  resetPassword(@CurrentPrincipal() principal: Principal, @Param('username') username: string) {
    return this.auth.resetPassword(username, principal);
  }

  @Post('departments')
  createDepartment(@CurrentPrincipal() principal: Principal, @Body() dto: CreateDepartmentDto) {
    return this.auth.createDepartment(dto, principal);
  }

  // ── security administrator ──

  @Patch('users/:username/role')
  changeRole(
    @CurrentPrincipal() principal: Principal,
    @Param('username') username: string,
    @Body() dto: ChangeRoleDto,
  ) {
    return this.auth.changeRole(username, dto.role, principal);
  }

  @Post('users/:username/lock')
  @HttpCode(200)
  lock(@CurrentPrincipal() principal: Principal, @Param('username') username: string) {
    return this.auth.lock(username, principal);
  }

  @Post('users/:username/unlock')
  @HttpCode(200)
  unlock(@CurrentPrincipal() principal: Principal, @Param('username') username: string) {
    return this.auth.unlock(username, principal);
  }

  @Post('users/:username/2fa-reset')
  @HttpCode(200)
  resetTwoFactor(@CurrentPrincipal() principal: Principal, @Param('username') username: string) {
    return this.auth.resetTwoFactor(username, principal);
  }

  /** Failed sign-in counts and locks, per account name and per client address. */
  @Get('lockouts')
  lockouts() {
    return this.throttle.list();
  }

  @Get('security-policy')
  getPolicy() {
    return this.policy.get();
  }

  @Put('security-policy')
  setPolicy(@CurrentPrincipal() principal: Principal, @Body() dto: SecurityPolicyDto) {
    return this.policy.set(dto, principal);
  }
}

import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { requireDepartment, requireOffice, requireRole } from './access';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './decorators';
import { CreateDepartmentDto, CreateUserDto, LoginDto } from './dto/auth.dto';
import type { Principal } from './roles';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @ApiBearerAuth()
  @Get('auth/me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @ApiBearerAuth()
  @Get('departments')
  departments() {
    return this.auth.listDepartments();
  }

  @ApiBearerAuth()
  @Post('departments')
  createDepartment(@CurrentPrincipal() principal: Principal, @Body() dto: CreateDepartmentDto) {
    requireOffice(principal);
    return this.auth.createDepartment(dto, principal);
  }

  /** The office creates any account; a department admin only accounts of its own department. */
  @ApiBearerAuth()
  @Post('users')
  createUser(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto) {
    requireRole(principal, 'office', 'dept_admin');
    requireDepartment(principal, dto.departmentCode);
    return this.auth.createUser(dto, principal);
  }
}

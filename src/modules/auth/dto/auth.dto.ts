import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BUSINESS_ROLES, BusinessRole, ROLES, Role } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'office' })
  @IsString()
  @MaxLength(64)
  username: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'SCJG', description: '部门编码: letters, digits, _ or -' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1-64 of A-Z a-z 0-9 _ -' })
  code: string;

  @ApiProperty({ example: '市场监督管理局' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'true for the joint-meeting office (联席会议办公室)' })
  @IsOptional()
  @IsBoolean()
  isOffice?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhangsan' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'username must be 2-64 of A-Z a-z 0-9 . _ -' })
  username: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiProperty({ minLength: 12, description: '至少 12 个字符，不含用户名，不在常用密码表中' })
  @IsString()
  @MinLength(12, { message: 'password 至少 12 个字符 (at least 12 characters)' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'SCJG', description: 'department code' })
  @IsString()
  departmentCode: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class LoginSecondFactorDto {
  @ApiProperty({ description: 'pendingToken from POST /auth/login' })
  @IsString()
  @MaxLength(2000)
  pendingToken: string;

  @ApiPropertyOptional({ description: '6-digit TOTP code', example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字动态口令' })
  code?: string;

  @ApiPropertyOptional({ description: 'one of the recovery codes (instead of code)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'true: end every session of the account, not only this one' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 12, description: '至少 12 个字符，不含用户名，不在常用密码表中' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class TwoFactorCodeDto {
  @ApiProperty({ example: '123456' })
  @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字动态口令' })
  code: string;
}

export class DisableTwoFactorDto {
  @ApiPropertyOptional({ example: '123456' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字动态口令' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  recoveryCode?: string;
}

/** Roles the system administrator gives a new account; dept_admin and office come from the security administrator. */
export const INITIAL_ROLES = ['dept_officer', 'inspector'] as const;

/** System administrator: a new account without privileges (三员分立: roles are the security administrator's). */
export class AdminCreateUserDto extends PickType(CreateUserDto, [
  'username',
  'displayName',
  'password',
  'departmentCode',
] as const) {
  @ApiProperty({ enum: INITIAL_ROLES })
  @IsIn(INITIAL_ROLES as unknown as string[], {
    message: `role 须为 ${INITIAL_ROLES.join(', ')} 之一；dept_admin、office 由安全管理员授予 (PATCH /admin/users/:username/role)`,
  })
  role: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;
}

export class SetActiveDto {
  @ApiProperty({ description: 'false deactivates the account and ends its sessions at once' })
  @IsBoolean()
  active: boolean;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: BUSINESS_ROLES })
  @IsIn(BUSINESS_ROLES as unknown as string[], {
    message: `role 须为业务角色之一: ${BUSINESS_ROLES.join(', ')}`,
  })
  role: BusinessRole;
}

export class LockoutPolicyDto {
  @IsOptional() @IsInt() @Min(3) @Max(20) accountThreshold?: number;
  @IsOptional() @IsInt() @Min(5) @Max(1000) addressThreshold?: number;
  @IsOptional() @IsInt() @Min(10) @Max(86400) baseLockSeconds?: number;
  @IsOptional() @IsInt() @Min(60) @Max(7 * 86400) maxLockSeconds?: number;
  @IsOptional() @IsInt() @Min(60) @Max(30 * 86400) forgetAfterSeconds?: number;
}

export class SecurityPolicyDto {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(ROLES as unknown as string[], {
    each: true,
    message: `twoFactorRequiredRoles 的每一项须为 ${ROLES.join(', ')} 之一`,
  })
  twoFactorRequiredRoles?: Role[];

  @ApiPropertyOptional({ type: LockoutPolicyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LockoutPolicyDto)
  lockout?: LockoutPolicyDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, Role } from '../roles';

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

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
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

import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { flattenValidationErrors } from '../common/validation';
import { AuthService } from '../modules/auth/auth.service';
import { CreateDepartmentDto, CreateUserDto } from '../modules/auth/dto/auth.dto';
import { ROLES, SYSTEM_PRINCIPAL } from '../modules/auth/roles';

/** Validates a DTO like the HTTP API does; prints field errors and returns undefined on failure. */
export async function validDto<T extends object>(
  cls: new () => T,
  raw: object,
): Promise<T | undefined> {
  const dto = plainToInstance(cls, raw);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return dto;
  for (const e of flattenValidationErrors(errors)) {
    console.error(`invalid ${e.field}=${JSON.stringify(e.value)}: ${e.rules.join('; ')}`);
  }
  process.exitCode = 2;
  return undefined;
}

interface UserCreateOptions {
  username: string;
  name: string;
  password?: string;
  department: string;
  role: string;
  email?: string;
}

@SubCommand({
  name: 'create',
  description:
    'create a user account, also the three administrators sys_admin / sec_admin / audit_admin (password from --password or JOINTCHECK_PASSWORD; it must be changed at first sign-in)',
})
export class UserCreateCommand extends CommandRunner {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async run(_args: string[], o: UserCreateOptions): Promise<void> {
    const dto = await validDto(CreateUserDto, {
      username: o.username,
      displayName: o.name ?? o.username,
      password: o.password ?? process.env.JOINTCHECK_PASSWORD,
      departmentCode: o.department,
      role: o.role,
      ...(o.email ? { email: o.email } : {}),
    });
    if (!dto) return;
    const principal = await this.auth.createUser(dto, SYSTEM_PRINCIPAL, {
      allowAdminRole: true,
      mustChangePassword: true,
    });
    console.log(
      `created user ${principal.username} (${principal.role}, ${principal.departmentCode})`,
    );
  }

  @Option({ flags: '-u, --username <username>', required: true, description: 'login name' })
  username(v: string) {
    return v;
  }

  @Option({ flags: '-n, --name <displayName>', description: 'display name, e.g. 张三' })
  name(v: string) {
    return v;
  }

  @Option({
    flags: '-p, --password <password>',
    description: 'initial password (12+ chars, not the username, not a common password)',
  })
  password(v: string) {
    return v;
  }

  @Option({ flags: '-d, --department <code>', required: true, description: 'department code' })
  department(v: string) {
    return v;
  }

  @Option({ flags: '-r, --role <role>', required: true, description: `one of ${ROLES.join(', ')}` })
  role(v: string) {
    return v;
  }

  @Option({ flags: '-e, --email <email>', description: 'e-mail for notifications' })
  email(v: string) {
    return v;
  }
}

interface UsernameOption {
  username: string;
}

/** Host-side account recovery: the only way to reset an administrator account (三员分立). */
@SubCommand({
  name: 'reset-password',
  description:
    'give an account a temporary password (printed once; to be changed at sign-in), ending its sessions',
})
export class UserResetPasswordCommand extends CommandRunner {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async run(_args: string[], o: UsernameOption): Promise<void> {
    const result = await this.auth.hostResetPassword(o.username);
    console.log(`temporary password for ${o.username}: ${result.temporaryPassword}`);
  }

  @Option({ flags: '-u, --username <username>', required: true, description: 'login name' })
  username(v: string) {
    return v;
  }
}

@SubCommand({
  name: 'unlock',
  description:
    'lift a lock (failed sign-ins or administrator lock) and remove the second factor of an account',
})
export class UserUnlockCommand extends CommandRunner {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async run(_args: string[], o: UsernameOption & { resetTwoFactor?: boolean }): Promise<void> {
    await this.auth.hostUnlock(o.username, o.resetTwoFactor ?? false);
    console.log(
      `unlocked ${o.username}${o.resetTwoFactor ? ' and removed its second factor' : ''}`,
    );
  }

  @Option({ flags: '-u, --username <username>', required: true, description: 'login name' })
  username(v: string) {
    return v;
  }

  @Option({ flags: '--reset-two-factor', description: 'also remove TOTP and recovery codes' })
  resetTwoFactor() {
    return true;
  }
}

@Command({
  name: 'user',
  description: 'manage user accounts',
  subCommands: [UserCreateCommand, UserResetPasswordCommand, UserUnlockCommand],
})
export class UserCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck user create --help');
    process.exitCode = 2;
  }
}

interface DepartmentCreateOptions {
  code: string;
  name: string;
  office?: boolean;
}

@SubCommand({ name: 'create', description: 'create a department' })
export class DepartmentCreateCommand extends CommandRunner {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async run(_args: string[], o: DepartmentCreateOptions): Promise<void> {
    const dto = await validDto(CreateDepartmentDto, {
      code: o.code,
      name: o.name,
      isOffice: o.office ?? false,
    });
    if (!dto) return;
    const dept = await this.auth.createDepartment(dto);
    console.log(
      `created department ${dept.code} ${dept.name}${dept.isOffice ? ' (joint-meeting office)' : ''}`,
    );
  }

  @Option({ flags: '-c, --code <code>', required: true, description: 'department code' })
  code(v: string) {
    return v;
  }

  @Option({
    flags: '-n, --name <name>',
    required: true,
    description: 'department name, e.g. 县市场监管局',
  })
  name(v: string) {
    return v;
  }

  @Option({ flags: '--office', description: 'this is the joint-meeting office (联席会议办公室)' })
  office() {
    return true;
  }
}

@Command({
  name: 'department',
  description: 'manage departments',
  subCommands: [DepartmentCreateCommand],
})
export class DepartmentCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck department create --help');
    process.exitCode = 2;
  }
}

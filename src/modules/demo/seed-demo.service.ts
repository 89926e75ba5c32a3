import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuthService } from '../auth/auth.service';
import { isAdminRole, type Role } from '../auth/roles';
import { DEMO_PASSWORD, OFFICE, PENGYANG_DEPARTMENTS } from './pengyang';

export interface DemoAccount {
  username: string;
  department: string;
  role: Role;
  /** False when the account existed before this run. */
  created: boolean;
}

/**
 * The demo county's organisation: the office, the 14 departments and, per department, an admin
 * and an officer account, and the three separated administrators (sysadmin, secadmin,
 * auditadmin, 三员分立) in the office's department. Refused in production mode (JC_MODE=production),
 * where the shared demo password must not exist. Idempotent: a second run adds only what is missing. Tests seed this
 * much; `jointcheck seed-demo` adds the registries and plans (DemoCountyService).
 */
@Injectable()
export class SeedDemoService {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(): Promise<DemoAccount[]> {
    if (this.config.mode === 'production')
      throw new ForbiddenException(
        '生产模式（JC_MODE=production）下不能创建演示数据和演示账号 / seed-demo is refused in production mode',
      );
    const accounts: DemoAccount[] = [];
    await this.ensureDepartment(OFFICE.code, OFFICE.name, true);
    accounts.push(await this.ensureUser('office', '联席办工作人员', OFFICE.code, 'office'));
    accounts.push(await this.ensureUser('sysadmin', '系统管理员', OFFICE.code, 'sys_admin'));
    accounts.push(await this.ensureUser('secadmin', '安全管理员', OFFICE.code, 'sec_admin'));
    accounts.push(await this.ensureUser('auditadmin', '审计管理员', OFFICE.code, 'audit_admin'));
    for (const dept of PENGYANG_DEPARTMENTS) {
      await this.ensureDepartment(dept.code, dept.name, false);
      const slug = dept.code.toLowerCase();
      accounts.push(
        await this.ensureUser(`${slug}-admin`, `${dept.name}负责人`, dept.code, 'dept_admin'),
      );
      accounts.push(
        await this.ensureUser(`${slug}-officer`, `${dept.name}经办人`, dept.code, 'dept_officer'),
      );
    }
    return accounts;
  }

  private async ensureDepartment(code: string, name: string, isOffice: boolean): Promise<void> {
    if (!(await this.auth.findDepartment(code)))
      await this.auth.createDepartment({ code, name, isOffice });
  }

  private async ensureUser(
    username: string,
    displayName: string,
    departmentCode: string,
    role: Role,
  ): Promise<DemoAccount> {
    const existing = await this.auth.findUser(username);
    if (!existing) {
      await this.auth.createUser(
        { username, displayName, password: DEMO_PASSWORD, departmentCode, role },
        undefined,
        { allowAdminRole: isAdminRole(role) },
      );
    }
    return { username, department: departmentCode, role, created: !existing };
  }
}

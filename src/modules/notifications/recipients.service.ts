import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { Department } from '../auth/entities/department.entity';
import { User } from '../auth/entities/user.entity';
import { ADMIN_ROLES } from '../auth/roles';
import { NotificationInputError, OFFICE } from './notification.types';

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

/** Who a notification for a department reaches. */
@Injectable()
export class RecipientResolver {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The department by code; 'office' is the joint-meeting office (is_office = true). */
  async department(code: string): Promise<Department> {
    const repo = this.db.getRepository(Department);
    const found =
      code === OFFICE
        ? await repo.findOne({ where: { isOffice: true }, order: { code: 'ASC' } })
        : await repo.findOne({ where: { code } });
    if (!found) {
      throw new NotificationInputError(
        code === OFFICE
          ? '未设置联席会议办公室 (no department has is_office = true)'
          : `部门 ${code} 不存在 (unknown department code)`,
      );
    }
    return found;
  }

  /**
   * E-mail addresses of the department's active business users that have one (lower-case,
   * unique); the separated administrators get no business mail.
   */
  async emails(department: Department): Promise<string[]> {
    const users = await this.db.getRepository(User).find({
      where: { departmentId: department.id, active: true, role: Not(In([...ADMIN_ROLES])) },
    });
    const addresses = new Set<string>();
    for (const user of users) {
      // lower-cased: the address is part of the delivery's unique key
      const email = user.email?.trim().toLowerCase();
      if (email && email.length <= 200 && EMAIL.test(email)) addresses.add(email);
    }
    return [...addresses].sort();
  }
}

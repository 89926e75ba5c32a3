import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { requireDepartment } from '../auth/access';
import type { Principal } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { InboxMessage } from './entities';

/** A department's in-app inbox (站内消息). */
@Injectable()
export class InboxService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, unread?: boolean): Promise<InboxMessage[]> {
    requireDepartment(principal, principal.departmentCode);
    return this.db.getRepository(InboxMessage).find({
      where: {
        departmentCode: principal.departmentCode,
        ...(unread ? { readAt: IsNull() } : {}),
      },
      order: { createdAt: 'DESC' },
      take: 500,
    });
  }

  async markRead(principal: Principal, id: string): Promise<InboxMessage> {
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(InboxMessage);
      const message = await repo.findOne({ where: { id } });
      if (!message) throw new NotFoundException(`消息 ${id} 不存在`);
      // even the office reads only its own department's inbox here
      if (message.departmentCode !== principal.departmentCode) {
        requireDepartment({ ...principal, isOffice: false }, message.departmentCode);
      }
      if (message.readAt) return message;
      message.readAt = new Date();
      await repo.save(message);
      await this.audit.record(
        {
          actor: principal,
          action: 'inbox.read',
          entityType: 'inbox_message',
          entityId: id,
          after: { readAt: message.readAt },
        },
        m,
      );
      return message;
    });
  }
}

import { Context } from '@temporalio/activity';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../modules/audit/audit.service';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { Department } from '../modules/auth/entities/department.entity';
import {
  EscalationRecord,
  IncidentRecord,
  InboxMessage,
  type InboxKind,
  ProcessInstanceRecord,
  UserTaskRecord,
} from '../modules/engine/entities';
import type {
  DefinitionRef,
  EngineActivities,
  EscalationInput,
  LoadedDefinition,
} from '../workflows/interpreter/contract';
import type { DeadlineCalendar } from './deadline-calendar';

/** Where engine activities read definitions from (ProcessDefinitionsService in the app). */
export interface DefinitionLoader {
  load(ref: DefinitionRef): Promise<LoadedDefinition>;
  /** Key and version of a definition row, for instance records. */
  summary(definitionId: string): Promise<{ key: string; version: number } | null>;
}

export interface EngineActivityDeps {
  db: DataSource;
  audit: AuditService;
  definitions: DefinitionLoader;
  calendar: DeadlineCalendar;
  /**
   * Sends a message already written to the in-app inbox on the outward channels (e-mail, webhook):
   * NotificationService.notify with `inboxWritten`. Channel failures never fail the activity.
   */
  forward?: (message: ForwardedMessage) => Promise<unknown>;
  now?: () => Date;
}

export interface ForwardedMessage {
  dedupe: string;
  department: string;
  kind: InboxKind;
  title: string;
  body?: string;
  link?: string;
}

/** An escalation may carry its own idempotency key; otherwise it is derived (see below). */
export type EscalationRequest = EscalationInput & { occurrence?: string };

/** EngineActivities, with raiseEscalation accepting an explicit idempotency key. */
export type EngineActivityImpl = Omit<EngineActivities, 'raiseEscalation'> & {
  raiseEscalation(escalation: EscalationRequest): Promise<string>;
};

type Actor = { username: string; departmentCode: string };
const SYSTEM: Actor = { username: 'system', departmentCode: 'system' };
const actorOf = (username?: string, department?: string): Actor =>
  !username || username === 'system'
    ? SYSTEM
    : { username, departmentCode: department ?? 'unknown' };

const sha256 = (...parts: (string | number | undefined | null)[]) =>
  createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u0000'))
    .digest('hex');

/**
 * Occurrence of the current activity call, stable across its retries: the workflow run and the
 * activity id Temporal gave the call. Outside an activity (tests) there is one occurrence.
 */
function currentOccurrence(): string {
  try {
    const info = Context.current().info;
    return `${info.workflowExecution?.runId ?? '-'}:${info.activityId}`;
  } catch {
    return 'direct';
  }
}

const ACTION_TITLES: Record<string, string> = {
  claim: '认领',
  unclaim: '退回认领',
  reassign: '改派',
  complete: '办结',
  cancel: '取消',
  overdue: '逾期',
  'deadline-moved': '期限调整',
};

/**
 * The engine activities the interpreter workflow calls. Every one is idempotent (a retried call
 * changes nothing twice) and audits what it changes in the same transaction.
 */
export function createEngineActivities(deps: EngineActivityDeps): EngineActivityImpl {
  const now = deps.now ?? (() => new Date());
  const tx = <T>(fn: (m: EntityManager) => Promise<T>) => deps.db.transaction(fn);

  const inbox = async (
    m: EntityManager,
    msg: {
      dedupe: string;
      department: string;
      kind: InboxKind;
      title: string;
      body?: string;
      link?: string;
    },
  ) => {
    const repo = m.getRepository(InboxMessage);
    const dedupeKey = sha256('inbox', msg.dedupe);
    if (await repo.exist({ where: { dedupeKey } })) return;
    await repo.insert({
      id: randomUUID(),
      dedupeKey,
      departmentCode: msg.department,
      kind: msg.kind,
      title: msg.title,
      body: msg.body ?? null,
      link: msg.link ?? null,
      createdAt: now(),
      readAt: null,
    });
  };

  const inboxAndKeep = async (
    m: EntityManager,
    kept: ForwardedMessage[],
    msg: ForwardedMessage,
  ) => {
    await inbox(m, msg);
    kept.push(msg);
  };

  /** After the commit: the outward channels; a failed channel is recorded, never thrown. */
  const forward = async (messages: ForwardedMessage[]) => {
    for (const message of messages) await deps.forward?.(message);
  };

  const officeCode = async (m: EntityManager): Promise<string> => {
    const office = await m.getRepository(Department).findOne({ where: { isOffice: true } });
    return office?.code ?? 'office';
  };

  return {
    async loadDefinition(ref) {
      return deps.definitions.load(ref);
    },

    async resolveInstant(spec, from) {
      return deps.calendar.resolve(spec, from);
    },

    async recordInstance(event) {
      // Read before the transaction: a second pool connection taken inside it deadlocks MySQL's
      // pool once as many instances start at once as there are connections.
      const def = await deps.definitions.summary(event.definitionId);
      await tx(async (m) => {
        const repo = m.getRepository(ProcessInstanceRecord);
        const existing = await repo.findOne({ where: { workflowId: event.workflowId } });
        const terminal = event.status !== 'running' && event.status !== 'incident';
        if (existing) {
          if (existing.status === event.status) return;
          // a late 'running' never reopens a finished instance
          if (event.status === 'running' && existing.endedAt) return;
          const before = { status: existing.status };
          existing.status = event.status;
          if (terminal) {
            existing.endedAt = now();
            existing.reason = event.reason ?? null;
          }
          await repo.save(existing);
          await deps.audit.record(
            {
              actor: actorOf(event.actor),
              action: `instance.${event.status}`,
              entityType: 'process_instance',
              entityId: event.workflowId,
              before,
              after: { status: event.status, reason: event.reason },
              context: event.variables ? { variables: event.variables } : undefined,
            },
            m,
          );
          return;
        }
        const parent = event.parentWorkflowId
          ? await repo.findOne({ where: { workflowId: event.parentWorkflowId } })
          : null;
        const row: ProcessInstanceRecord = {
          workflowId: event.workflowId,
          definitionId: event.definitionId,
          definitionKey: def?.key ?? 'unknown',
          version: def?.version ?? 0,
          businessKey: event.businessKey ?? null,
          status: event.status,
          startedBy: event.actor,
          startedDepartment: parent?.startedDepartment ?? null,
          parentWorkflowId: event.parentWorkflowId ?? null,
          startedAt: now(),
          endedAt: terminal ? now() : null,
          reason: event.reason ?? null,
        };
        await repo.insert(row);
        await deps.audit.record(
          {
            actor: actorOf(event.actor),
            action: `instance.${event.status === 'running' ? 'start' : event.status}`,
            entityType: 'process_instance',
            entityId: event.workflowId,
            after: row,
          },
          m,
        );
      });
    },

    async createTask(task) {
      await tx(async (m) => {
        const repo = m.getRepository(UserTaskRecord);
        if (await repo.exist({ where: { taskId: task.taskId } })) return;
        const at = now();
        const row: UserTaskRecord = {
          taskId: task.taskId,
          workflowId: task.workflowId,
          rootWorkflowId: task.rootWorkflowId,
          elementId: task.elementId,
          name: task.name ?? null,
          subject: task.subject ?? null,
          definitionKey: task.definitionKey,
          businessKey: task.businessKey ?? null,
          departmentCode: task.department ?? null,
          role: task.role ?? null,
          assignee: task.assignee ?? null,
          candidateGroups: task.candidateGroups?.length ? task.candidateGroups : null,
          form: (task.form as UserTaskRecord['form']) ?? null,
          dueAt: task.dueAt ? new Date(task.dueAt) : null,
          provisional: task.provisional ?? false,
          status: 'open',
          claimedBy: null,
          completedBy: null,
          completedAt: null,
          output: null,
          overdueSince: null,
          remindersSent: 0,
          createdAt: at,
          updatedAt: at,
        };
        // insert via save: the JSON columns' transformer types do not fit insert()'s
        await repo.save(repo.create(row));
        await deps.audit.record(
          {
            actor: SYSTEM,
            action: 'task.create',
            entityType: 'user_task',
            entityId: task.taskId,
            after: row,
          },
          m,
        );
        for (const department of new Set(
          [task.department, ...(task.candidateGroups ?? [])].filter((d): d is string => !!d),
        )) {
          await inbox(m, {
            dedupe: `task:${task.taskId}:${department}`,
            department,
            kind: 'task',
            title: `新任务：${task.name ?? task.elementId}`,
            body: task.businessKey ? `业务编号 ${task.businessKey}` : undefined,
            link: `/tasks/${encodeURIComponent(task.taskId)}`,
          });
        }
      });
    },

    async updateTask(change) {
      await tx(async (m) => {
        const repo = m.getRepository(UserTaskRecord);
        const task = await repo.findOne({ where: { taskId: change.taskId } });
        if (!task)
          throw new Error(`任务 ${change.taskId} 不存在，无法${ACTION_TITLES[change.action]}`);
        const before = snapshot(task);
        const closed = task.status !== 'open';
        switch (change.action) {
          case 'complete':
            if (closed) return;
            task.status = 'completed';
            task.completedBy = change.actor;
            task.completedAt = now();
            task.output = change.output ?? {};
            break;
          case 'cancel':
            if (closed) return;
            task.status = 'cancelled';
            break;
          case 'claim':
            if (closed || (task.assignee === change.assignee && task.claimedBy === change.actor))
              return;
            task.assignee = change.assignee ?? change.actor;
            task.claimedBy = change.actor;
            break;
          case 'unclaim':
            if (closed || (task.assignee === null && task.claimedBy === null)) return;
            task.assignee = null;
            task.claimedBy = null;
            break;
          case 'reassign': {
            const department = change.department ?? task.departmentCode;
            const assignee = change.assignee ?? null;
            if (closed || (department === task.departmentCode && assignee === task.assignee))
              return;
            task.departmentCode = department;
            task.assignee = assignee;
            task.claimedBy = null;
            break;
          }
          case 'overdue':
            if (closed || task.overdueSince) return;
            task.overdueSince = now();
            if (change.dueAt) task.dueAt = new Date(change.dueAt);
            break;
          case 'deadline-moved': {
            if (closed || !change.dueAt) return;
            const dueAt = new Date(change.dueAt);
            if (task.dueAt?.getTime() === dueAt.getTime()) return;
            task.dueAt = dueAt;
            if (dueAt.getTime() > now().getTime()) task.overdueSince = null;
            break;
          }
        }
        task.updatedAt = now();
        await repo.save(task);
        await deps.audit.record(
          {
            actor: actorOf(change.actor, change.actorDepartment),
            action: `task.${change.action}`,
            entityType: 'user_task',
            entityId: task.taskId,
            before,
            after: snapshot(task),
            context: change.reason ? { reason: change.reason } : undefined,
          },
          m,
        );
        await notifyTaskChange(m, task, change.action, change.reason);
      });
    },

    async remindTask(reminder) {
      const outward: ForwardedMessage[] = [];
      await tx(async (m) => {
        const repo = m.getRepository(UserTaskRecord);
        const task = await repo.findOne({ where: { taskId: reminder.taskId } });
        if (!task || task.status !== 'open' || !task.departmentCode) return;
        const dedupe = `reminder:${task.taskId}:${reminder.dueAt}:${reminder.workingDaysBefore}`;
        const dedupeKey = sha256('inbox', dedupe);
        if (await m.getRepository(InboxMessage).exist({ where: { dedupeKey } })) return;
        await inboxAndKeep(m, outward, {
          dedupe,
          department: task.departmentCode,
          kind: 'reminder',
          title:
            reminder.workingDaysBefore === 0
              ? `今日到期：${task.name ?? task.elementId}`
              : `${reminder.workingDaysBefore} 个工作日后到期：${task.name ?? task.elementId}`,
          body: `办理期限 ${reminder.dueAt}`,
          link: `/tasks/${encodeURIComponent(task.taskId)}`,
        });
        task.remindersSent += 1;
        task.updatedAt = now();
        await repo.save(task);
        await deps.audit.record(
          {
            actor: SYSTEM,
            action: 'task.remind',
            entityType: 'user_task',
            entityId: task.taskId,
            after: { remindersSent: task.remindersSent, ...reminder },
          },
          m,
        );
      });
      await forward(outward);
    },

    async raiseEscalation(input: EscalationRequest) {
      const occurrence = input.occurrence ?? currentOccurrence();
      const dedupeKey = sha256(input.workflowId, input.elementId, input.taskId, occurrence);
      const outward: ForwardedMessage[] = [];
      const id = await tx(async (m) => {
        const repo = m.getRepository(EscalationRecord);
        const existing = await repo.findOne({ where: { dedupeKey } });
        if (existing) return existing.id;
        const task = input.taskId
          ? await m.getRepository(UserTaskRecord).findOne({ where: { taskId: input.taskId } })
          : null;
        const target = input.target === 'office' ? await officeCode(m) : input.target;
        const late = task?.dueAt ? now().getTime() - task.dueAt.getTime() : undefined;
        const row: EscalationRecord = {
          id: randomUUID(),
          dedupeKey,
          rootWorkflowId: input.rootWorkflowId,
          workflowId: input.workflowId,
          elementId: input.elementId,
          code: input.code,
          targetDepartment: target,
          rule: input.rule ?? null,
          name: input.name ?? null,
          taskId: input.taskId ?? null,
          taskDepartment: task?.departmentCode ?? null,
          definitionKey: input.definitionKey,
          businessKey: input.businessKey ?? null,
          dueAt: task?.dueAt ?? null,
          hoursLate: late === undefined ? null : Math.max(0, Math.floor(late / 3600_000)),
          status: 'open',
          resolutionKind: null,
          resolutionNote: null,
          resolvedBy: null,
          resolvedAt: null,
          createdAt: now(),
        };
        await repo.insert(row);
        await deps.audit.record(
          {
            actor: SYSTEM,
            action: 'escalation.raise',
            entityType: 'escalation',
            entityId: row.id,
            after: row,
          },
          m,
        );
        const about = task
          ? `${task.departmentCode ?? ''}「${task.name ?? task.elementId}」`
          : input.elementId;
        await inboxAndKeep(m, outward, {
          dedupe: `escalation:${row.id}`,
          department: target,
          kind: 'escalation',
          title: `督办：${input.name ?? input.code} — ${about}`,
          body: [
            input.rule ? `依据 ${input.rule}` : undefined,
            task?.dueAt ? `期限 ${task.dueAt.toISOString()}` : undefined,
            row.hoursLate ? `已超期 ${row.hoursLate} 小时` : undefined,
            input.businessKey ? `业务编号 ${input.businessKey}` : undefined,
          ]
            .filter(Boolean)
            .join('；'),
          link: `/instances/${encodeURIComponent(input.rootWorkflowId)}`,
        });
        return row.id;
      });
      await forward(outward);
      return id;
    },

    async recordIncident(incident) {
      await tx(async (m) => {
        const repo = m.getRepository(IncidentRecord);
        const existing = await repo.findOne({ where: { incidentId: incident.incidentId } });
        if (incident.resolved) {
          if (!existing || existing.status === 'resolved') return;
          existing.status = 'resolved';
          existing.resolvedAt = now();
          existing.resolvedBy = incident.actor ?? 'system';
          await repo.save(existing);
          await deps.audit.record(
            {
              actor: actorOf(incident.actor),
              action: 'incident.retry',
              entityType: 'incident',
              entityId: incident.incidentId,
              before: { status: 'open' },
              after: { status: 'resolved' },
            },
            m,
          );
          return;
        }
        if (existing) return;
        const row: IncidentRecord = {
          incidentId: incident.incidentId,
          workflowId: incident.workflowId,
          elementId: incident.elementId,
          activity: incident.activity,
          message: incident.message,
          status: 'open',
          createdAt: now(),
          resolvedAt: null,
          resolvedBy: null,
        };
        await repo.insert(row);
        await deps.audit.record(
          {
            actor: SYSTEM,
            action: 'incident.open',
            entityType: 'incident',
            entityId: incident.incidentId,
            after: row,
          },
          m,
        );
        await inbox(m, {
          dedupe: `incident:${incident.incidentId}`,
          department: await officeCode(m),
          kind: 'notice',
          title: `流程故障：${incident.elementId}（${incident.activity}）`,
          body: incident.message,
          link: `/instances/${encodeURIComponent(incident.workflowId)}`,
        });
      });
    },

    async recordDeadlineMoved(change) {
      await tx(async (m) => {
        const entityId = `${change.workflowId}:${change.timerKey}`.slice(0, 200);
        const previous = await m.getRepository(AuditEntry).find({
          where: { entityType: 'timer', entityId, action: 'deadline.move' },
        });
        const after = { from: change.from, to: change.to };
        if (previous.some((p) => JSON.stringify(p.after) === JSON.stringify(after))) return;
        await deps.audit.record(
          {
            actor: actorOf(change.actor),
            action: 'deadline.move',
            entityType: 'timer',
            entityId,
            before: { fireAt: change.from },
            after,
            context: {
              workflowId: change.workflowId,
              timerKey: change.timerKey,
              elementId: change.elementId,
              reason: change.reason,
            },
          },
          m,
        );
      });
    },
  };

  async function notifyTaskChange(
    m: EntityManager,
    task: UserTaskRecord,
    action: string,
    reason?: string,
  ) {
    if (!task.departmentCode || (action !== 'reassign' && action !== 'overdue')) return;
    await inbox(m, {
      dedupe: `${action}:${task.taskId}:${task.departmentCode}:${task.assignee ?? ''}:${task.updatedAt.getTime()}`,
      department: task.departmentCode,
      kind: action === 'reassign' ? 'task' : 'notice',
      title:
        action === 'reassign'
          ? `任务改派给本部门：${task.name ?? task.elementId}`
          : `任务已逾期：${task.name ?? task.elementId}`,
      body: reason,
      link: `/tasks/${encodeURIComponent(task.taskId)}`,
    });
  }
}

/** Compile-time proof that the implementation still satisfies the workflow's contract. */
export const _satisfiesContract: (deps: EngineActivityDeps) => EngineActivities =
  createEngineActivities;

function snapshot(task: UserTaskRecord) {
  return {
    status: task.status,
    departmentCode: task.departmentCode,
    assignee: task.assignee,
    claimedBy: task.claimedBy,
    dueAt: task.dueAt?.toISOString() ?? null,
    overdueSince: task.overdueSince?.toISOString() ?? null,
  };
}

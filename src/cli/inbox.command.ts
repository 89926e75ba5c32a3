import { Command, CommandRunner, Option } from 'nest-commander';
import { AuthService } from '../modules/auth/auth.service';
import type { Principal } from '../modules/auth/roles';
import { InboxService } from '../modules/engine/inbox.service';
import { TasksService } from '../modules/engine/tasks.service';
import type { UserTaskRecord } from '../modules/engine/entities';

interface InboxOptions {
  as: string;
  overdue?: boolean;
  json?: boolean;
}

/** One waiting task as printed (and as the --json array element). */
export interface InboxRow {
  taskId: string;
  name: string | null;
  subject: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  dueAt: string | null;
  overdue: boolean;
  businessKey: string | null;
}

/** inbox --as <username>: the user's open tasks (GET /tasks/mine) and unread department messages. */
@Command({
  name: 'inbox',
  description: 'what is waiting for a user: open tasks (as GET /tasks/mine) and unread messages',
})
export class InboxCommand extends CommandRunner {
  constructor(
    private readonly auth: AuthService,
    private readonly tasks: TasksService,
    private readonly inbox: InboxService,
  ) {
    super();
  }

  async run(_args: string[], o: InboxOptions): Promise<void> {
    const principal = await this.principalOf(o.as);
    if (!principal) return;
    const now = new Date();
    const names = new Map((await this.auth.listDepartments()).map((d) => [d.code, d.name]));
    const rows = (await this.tasks.mine(principal, o.overdue ? { overdue: true } : {})).map((t) =>
      toRow(t, names, now),
    );
    const unread = (await this.inbox.list(principal, true)).length;
    const unreadText = unread >= 500 ? '500+' : String(unread);
    if (o.json) {
      // stdout stays one JSON document for scripts; the message count goes to stderr
      console.log(JSON.stringify(rows, null, 2));
      console.error(`未读消息 unread messages: ${unreadText}`);
      return;
    }
    const who = `${principal.username}（${principal.role}，${principal.departmentCode}）`;
    if (rows.length === 0)
      console.log(`${who} 没有待办任务 / no open tasks${o.overdue ? '（已逾期 overdue）' : ''}`);
    else for (const line of table(rows)) console.log(line);
    console.log(`待办 open tasks: ${rows.length}; 未读消息 unread messages: ${unreadText}`);
  }

  /** Exit 2 for an unknown or deactivated user: nothing to list. */
  private async principalOf(username: string): Promise<Principal | null> {
    const user = await this.auth.findUser(username);
    const principal = user && (await this.auth.principalForUser(user.id));
    if (!principal) {
      console.error(
        user
          ? `用户 ${username} 已停用 / user ${username} is deactivated`
          : `没有用户 ${username} / unknown user ${username}（请用 jointcheck user create 创建 / create it with jointcheck user create）`,
      );
      process.exitCode = 2;
    }
    return principal;
  }

  @Option({ flags: '--as <username>', required: true, description: 'the user whose inbox to list' })
  as(v: string): string {
    return v;
  }

  @Option({ flags: '--overdue', description: 'only tasks past their due date' })
  overdue(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'print the tasks as a JSON array' })
  json(): boolean {
    return true;
  }
}

function toRow(t: UserTaskRecord, names: Map<string, string>, now: Date): InboxRow {
  return {
    taskId: t.taskId,
    name: t.name,
    subject: t.subject,
    departmentCode: t.departmentCode,
    departmentName: t.departmentCode ? (names.get(t.departmentCode) ?? null) : null,
    dueAt: t.dueAt ? t.dueAt.toISOString() : null,
    overdue: t.overdueSince !== null || (t.dueAt !== null && t.dueAt < now),
    businessKey: t.businessKey,
  };
}

/** Terminal width of a string: CJK and full-width characters take two columns. */
function width(text: string): number {
  let n = 0;
  for (const ch of text)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}

function pad(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

/** Deadlines are Asia/Shanghai days (23:59:59 on the due day): show them in that zone. */
function shanghaiTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

function table(rows: InboxRow[]): string[] {
  const header = [
    '任务 task',
    '名称 name',
    '对象 subject',
    '部门 department',
    '期限 due (UTC+8)',
    '逾期 overdue',
    '业务编号 business key',
  ];
  const cells = rows.map((r) => [
    r.taskId,
    r.name ?? '',
    r.subject ?? '',
    r.departmentCode ? `${r.departmentCode} ${r.departmentName ?? ''}`.trim() : '',
    r.dueAt ? shanghaiTime(r.dueAt) : '',
    r.overdue ? '逾期 OVERDUE' : '',
    r.businessKey ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: string[]) =>
    c
      .map((text, i) => pad(text, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

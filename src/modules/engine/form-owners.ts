import { ConflictException, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import type { UserTaskRecord } from './entities';

/** Who is to hold the task after the action: the caller (claim) or the named user (reassign). */
export interface TaskHolderChange {
  action: 'claim' | 'reassign';
  toUser?: string;
  toDepartment?: string;
}

export interface FormOwner {
  /** The module that owns the form and completes its tasks (passed as `via`). */
  owner: string;
  /** Where people do this step instead, shown when the generic task API is used. */
  howTo: string;
  /**
   * The owner's own rule for who may hold such a task (claim, reassign), checked before the
   * engine acts; throws (403/400) to refuse. The engine's generic rights are checked as well.
   */
  authorize?: (
    principal: Principal,
    task: UserTaskRecord,
    change: TaskHolderChange,
  ) => Promise<void>;
}

/**
 * Named forms (jc:form) whose tasks a domain module completes itself, after validating and
 * recording the step in its own tables. The engine knows only the names; the generic completion
 * API refuses such a task and says where the step is done, so nobody can skip the domain's rules.
 */
@Injectable()
export class FormOwners {
  private readonly owners = new Map<string, FormOwner>();

  claim(formName: string, owner: FormOwner): void {
    const existing = this.owners.get(formName);
    if (existing && existing.owner !== owner.owner)
      throw new Error(`form ${formName} is already owned by ${existing.owner}`);
    this.owners.set(formName, owner);
  }

  ownerOf(formName: string | undefined): FormOwner | undefined {
    return formName ? this.owners.get(formName) : undefined;
  }

  /** Asks the form's owner whether this change of holder is allowed (refuses by throwing). */
  async authorize(principal: Principal, task: UserTaskRecord, change: TaskHolderChange) {
    await this.ownerOf(task.form?.name ?? undefined)?.authorize?.(principal, task, change);
  }

  requireVia(formName: string | undefined, via: string | undefined): void {
    const owner = this.ownerOf(formName);
    if (!owner || owner.owner === via) return;
    throw new ConflictException(
      `此任务须通过 ${owner.howTo} 办理，不能直接提交表单 / complete this step through ${owner.howTo}`,
    );
  }
}

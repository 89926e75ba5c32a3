import { ConflictException, Injectable } from '@nestjs/common';

export interface FormOwner {
  /** The module that owns the form and completes its tasks (passed as `via`). */
  owner: string;
  /** Where people do this step instead, shown when the generic task API is used. */
  howTo: string;
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

  requireVia(formName: string | undefined, via: string | undefined): void {
    const owner = this.ownerOf(formName);
    if (!owner || owner.owner === via) return;
    throw new ConflictException(
      `此任务须通过 ${owner.howTo} 办理，不能直接提交表单 / complete this step through ${owner.howTo}`,
    );
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '../auth/roles';
import { applyReplacements } from './core';
import { departmentProof, type StoredDepartment } from './draw-proof';
import { Draw, DrawAssignment, DrawDepartment, DrawReplacement, DrawTargetRow } from './entities';

/*
 * What the draw's services share: reading a draw's stored rows, and the rules every step checks.
 * DrawCommitService, InspectorMatchingService and DrawAmendmentsService use it; DrawService is
 * the façade other modules inject.
 */

export const OPERATORS: Role[] = ['dept_officer', 'dept_admin', 'office'];

/** Reads a draw and its stored rows (targets, departments, assignments, replacements). */
@Injectable()
export class DrawRecords {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(drawId: string, withSecret = false): Promise<Draw> {
    const query = this.db
      .getRepository(Draw)
      .createQueryBuilder('d')
      .where('d.id = :drawId', { drawId });
    if (withSecret) query.addSelect('d.secretSealed');
    const draw = await query.getOne();
    if (!draw) throw new NotFoundException(`抽取 ${drawId} 不存在 / draw not found`);
    return draw;
  }

  targetRows(drawId: string): Promise<DrawTargetRow[]> {
    return this.db
      .getRepository(DrawTargetRow)
      .find({ where: { drawId }, order: { order: 'ASC' } });
  }

  async storedDepartments(drawId: string, departmentCode?: string): Promise<StoredDepartment[]> {
    const where = departmentCode ? { drawId, departmentCode } : { drawId };
    const departments = await this.db.getRepository(DrawDepartment).find({ where });
    const assignments = await this.db.getRepository(DrawAssignment).find({ where });
    const replacements = await this.db
      .getRepository(DrawReplacement)
      .find({ where: { ...where, status: 'approved' }, order: { seq: 'ASC' } });
    return departments.map((department) => ({
      department,
      assignments: assignments.filter((a) => a.departmentCode === department.departmentCode),
      replacements: replacements.filter((r) => r.departmentCode === department.departmentCode),
    }));
  }

  /** The department's proof, and its assignments with every approved replacement applied. */
  async departmentState(drawId: string, departmentCode: string) {
    const [stored] = await this.storedDepartments(drawId, departmentCode);
    if (!stored)
      throw new ConflictException(`部门 ${departmentCode} 尚未匹配执法人员 / not matched yet`);
    const proof = departmentProof(await this.targetRows(drawId), stored);
    const { assignments: current, records } = applyReplacements(proof, proof.replacements);
    return { proof, current, records };
  }
}

/** A joint task's draw is drawn and matched only through the task's own steps. */
export function requireStandalone(draw: Draw, endpoint: string): void {
  if (draw.inspectionId)
    throw new ConflictException(
      `抽取 ${draw.id} 属于联合抽查任务 ${draw.taskRef}，须在任务的步骤中办理（${endpoint}）/ use the task's step`,
    );
}

export function withheld(draw: Draw): boolean {
  return draw.disclosure === 'after-inspection' && !draw.disclosedAt;
}

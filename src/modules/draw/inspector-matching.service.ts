import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import {
  DrawInputError,
  matchInspectors as matchCore,
  type Assignment,
  type DepartmentMatchInput,
  type DepartmentProof,
  type InspectorFacts,
} from './core';
import { DrawRecords, OPERATORS, requireStandalone } from './draw-records';
import type { MatchInspectorsDto } from './dto/draw.dto';
import { Draw, DrawAssignment, DrawDepartment } from './entities';
import { DrawSources, type InspectorRecord } from './sources';

/** The second draw (二次随机): a participating department's inspectors matched to the drawn targets. */
@Injectable()
export class InspectorMatchingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sources: DrawSources,
    private readonly records: DrawRecords,
  ) {}

  /**
   * The second draw (二次随机) for one participating department. A shortfall is refused with 409
   * and every per-target reason, and the refused attempt is audited: nothing is stored, so
   * nobody can keep a partial list.
   */
  async matchInspectors(
    drawId: string,
    departmentCode: string,
    dto: MatchInspectorsDto,
    principal: Principal,
    viaOwner = false,
  ): Promise<DepartmentProof> {
    const draw = await this.records.load(drawId);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, departmentCode);
    if (!viaOwner) requireStandalone(draw, 'POST /inspections/:id/inspectors');
    if (!draw.participating.includes(departmentCode)) {
      throw new BadRequestException(
        `部门 ${departmentCode} 不是本次任务的参与部门（参与部门：${draw.participating.join('、')}）`,
      );
    }
    if (draw.status === 'committed')
      throw new ConflictException('尚未抽取检查对象，不能匹配执法人员 / draw the targets first');
    const departments = this.db.getRepository(DrawDepartment);
    if (await departments.exist({ where: { drawId, departmentCode } })) {
      throw new ConflictException(
        `部门 ${departmentCode} 已完成人员匹配，名单已锁定；如需更换请提出更换申请 / already matched`,
      );
    }
    const targets = await this.records.targetRows(drawId);
    const records = await this.sources.inspectors().listForDepartment(departmentCode);
    const input: DepartmentMatchInput = {
      departmentCode,
      method: dto.onSite ? 'onsite' : (dto.method ?? 'written'),
      perTarget: dto.m,
      requiredExpertise: dto.requiredExpertise,
      targets: targets.map((t) => ({ code: t.code, region: t.region })),
      inspectors: inspectorFacts(departmentCode, records, dto),
    };
    const result = matchCore(draw.seed ?? '', input);
    if (result.shortfalls.length > 0) {
      await this.audit.record({
        actor: principal,
        action: 'draw.inspectors.shortfall',
        entityType: 'draw',
        entityId: drawId,
        context: { departmentCode, perTarget: dto.m, shortfalls: result.shortfalls },
      });
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `部门 ${departmentCode} 有 ${result.shortfalls.length} 个检查对象符合条件的执法人员不足 ${dto.m} 人，未保存匹配结果 / inspector shortfall`,
        shortfalls: result.shortfalls,
      });
    }
    await this.db.transaction(async (manager) => {
      await manager.getRepository(DrawDepartment).insert({
        drawId,
        departmentCode,
        method: input.method,
        perTarget: input.perTarget,
        requiredExpertise: input.requiredExpertise,
        inspectors: input.inspectors,
        seed: result.seed,
        matchedBy: principal.username,
        matchedAt: new Date(),
      });
      const rows = assignmentRows(drawId, departmentCode, result.assignments);
      for (let at = 0; at < rows.length; at += 1000)
        await manager.getRepository(DrawAssignment).insert(rows.slice(at, at + 1000));
      const matched = await manager.getRepository(DrawDepartment).count({ where: { drawId } });
      const locks = matched === draw.participating.length;
      if (locks)
        await manager
          .getRepository(Draw)
          .update(drawId, { status: 'locked', lockedAt: new Date() });
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.inspectors.match',
          entityType: 'draw',
          entityId: drawId,
          before: { status: draw.status },
          after: {
            status: locks ? 'locked' : draw.status,
            departmentCode,
            method: input.method,
            perTarget: input.perTarget,
            assignments: result.assignments.map((a) => ({
              targetCode: a.targetCode,
              inspectors: a.inspectors.map((i) => i.certificateNo),
            })),
          },
        },
        manager,
      );
    });
    return this.records.departmentState(drawId, departmentCode).then((s) => s.proof);
  }

  /**
   * A department's current assignments (approved replacements applied), by target code; null
   * while the department has not matched its inspectors. For the inspection module's form checks.
   */
  async currentAssignments(
    drawId: string,
    departmentCode: string,
  ): Promise<Map<string, string[]> | null> {
    const [stored] = await this.records.storedDepartments(drawId, departmentCode);
    if (!stored) return null;
    const { current } = await this.records.departmentState(drawId, departmentCode);
    return new Map(current.map((a) => [a.targetCode, a.inspectors.map((i) => i.certificateNo)]));
  }
}

/**
 * The department's inspectors as frozen for the match. Without a certificate number a person
 * cannot be keyed or hold enforcement duties, and third-party experts only assist (NX 16), so
 * neither is a candidate. Declared recusals of this task add conflicts.
 */
export function inspectorFacts(
  departmentCode: string,
  records: readonly InspectorRecord[],
  dto: Pick<MatchInspectorsDto, 'capacity' | 'recusals'>,
): InspectorFacts[] {
  const facts = records
    .filter((r) => r.departmentCode === departmentCode && !r.thirdPartyExpert && r.certificateNo)
    .map((r) => ({
      certificateNo: (r.certificateNo ?? '').trim(),
      name: r.name,
      active: r.status === 'on_duty',
      enforcementQualified: r.enforcementQualified,
      expertise: [...r.expertiseTags],
      conflictTargetCodes: [...(r.conflictTargetCodes ?? [])],
      conflictRegions: [...(r.conflictRegions ?? [])],
      capacity: r.capacity ?? dto.capacity ?? null,
    }))
    .sort((a, b) =>
      a.certificateNo < b.certificateNo ? -1 : a.certificateNo > b.certificateNo ? 1 : 0,
    );
  for (const recusal of dto.recusals ?? []) {
    const inspector = facts.find((f) => f.certificateNo === recusal.certificateNo);
    if (!inspector)
      throw new DrawInputError(
        `回避声明中的执法证号 ${recusal.certificateNo} 不属于部门 ${departmentCode} 的执法人员`,
        'recusals',
      );
    inspector.conflictTargetCodes.push(...(recusal.targetCodes ?? []));
    inspector.conflictRegions.push(...(recusal.regions ?? []));
  }
  return facts;
}

function assignmentRows(
  drawId: string,
  departmentCode: string,
  assignments: readonly Assignment[],
) {
  return assignments.flatMap((a) =>
    a.inspectors.map((i, slot) => ({
      drawId,
      departmentCode,
      targetCode: a.targetCode,
      slot,
      certificateNo: i.certificateNo,
      rank: i.rank,
      key: i.key,
    })),
  );
}

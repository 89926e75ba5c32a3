import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal, Role } from '../auth/roles';
import { saveText, loadText } from './blob-store';
import {
  applyReplacements,
  checkEntropy,
  commitDraw,
  currentAssignments,
  deriveSeed,
  drawTargets,
  DrawInputError,
  matchInspectors as matchCore,
  replaceInspector,
  sha256Hex,
  snapshotTextToLines,
  type Assignment,
  type CountRule,
  type DepartmentMatchInput,
  type DepartmentProof,
  type DrawProof,
  type DrawnTarget,
  type InspectorFacts,
  type TargetRow,
} from './core';
import { assembleProof, departmentProof, type StoredDepartment } from './draw-proof';
import type {
  AddExceptionDto,
  CommitDrawDto,
  MatchInspectorsDto,
  RequestReplacementDto,
} from './dto/draw.dto';
import {
  Draw,
  type DrawDisclosure,
  DrawAddendum,
  DrawAssignment,
  DrawDepartment,
  DrawReplacement,
  DrawTargetRow,
} from './entities';
import { drawSecretKey, openSecret, sealSecret } from './secret-box';
import { DrawSources, type DrawScope, type InspectorRecord } from './sources';

/** Stratum for targets without a credit-risk class yet; it is listed in the counts like any other. */
export const UNCLASSIFIED_STRATUM = '未分类';

/** Above this many snapshot lines the proof links to the snapshot instead of inlining it. */
export const INLINE_SNAPSHOT_LIMIT = 10_000;

const OPERATORS: Role[] = ['dept_officer', 'dept_admin', 'office'];

/** What is public before the draw: the commitment, nothing that could predict the result. */
export interface PublicCommitment {
  drawId: string;
  taskRef: string;
  status: 'committed';
  commitment: Draw['commitment'];
  commitmentHash: string;
}

/**
 * A surprise check's draw before its targets are inspected (不预先告知): the commitment and the
 * witness entropy, but neither the secret, the seed, the drawn list nor the matching.
 */
export interface WithheldDraw {
  drawId: string;
  taskRef: string;
  status: 'drawn' | 'locked';
  withheld: true;
  reason: string;
  commitment: Draw['commitment'];
  commitmentHash: string;
  entropy: string | null;
}

export const WITHHELD_REASON =
  '本次为不预先告知的检查：抽取承诺已公示，抽中名单、执法人员匹配和验证数据待全部检查对象检查完毕后公示';

/**
 * Standalone draws may not use a joint task's business key (JI-年份-序号) or anything that
 * could equal one in the database (case, width, spaces): such references belong to the joint
 * tasks, whose draws only their own commit step creates.
 */
const RESERVED_REF = /^JI-/;

export function reservedTaskRef(taskRef: string): boolean {
  return RESERVED_REF.test(taskRef.normalize('NFKC').trim().toUpperCase());
}

/** How a joint task's own commit step creates its draw (never reachable over /draws). */
export interface OwnedCommit {
  inspectionId: string;
  disclosure: DrawDisclosure;
  /** Runs in the commit's transaction: links the draw to its owner (and audits that). */
  link: (manager: EntityManager, drawId: string) => Promise<void>;
}

/**
 * The provably fair draw as a service (docs/draw.md): commit, draw, the second draw per
 * department, replacements and addenda, and the proof. Every state change is audited in its
 * transaction; the secret S is sealed at rest and appears only in the proof after the reveal.
 */
@Injectable()
export class DrawService {
  private readonly secretKey: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sources: DrawSources,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secretKey = drawSecretKey(config.payloadCodecKey);
  }

  /**
   * Step 1: freeze the eligible targets and counts, seal a fresh S, publish the commitment. A
   * standalone draw (`POST /draws`): its reference may not have a joint task's form.
   */
  async commit(dto: CommitDrawDto, principal: Principal): Promise<PublicCommitment> {
    requireRole(principal, ...OPERATORS);
    if (reservedTaskRef(dto.taskRef))
      throw new BadRequestException(
        `taskRef「${dto.taskRef}」是联合抽查任务编号的格式（JI-年份-序号），联合抽查任务的抽取只能在任务的“抽取承诺”步骤（POST /inspections/:id/draw/commit）中产生；单独抽取请使用不以 JI- 开头的编号，例如 PY-2026-001 / taskRef reserved for joint tasks`,
      );
    return this.commitOwned(dto, principal, null);
  }

  /** Step 1 for a joint task: only its own commit step calls this, linking the draw by id. */
  async commitForInspection(
    dto: CommitDrawDto,
    principal: Principal,
    owner: OwnedCommit,
  ): Promise<PublicCommitment> {
    requireRole(principal, ...OPERATORS);
    return this.commitOwned(dto, principal, owner);
  }

  private async commitOwned(
    dto: CommitDrawDto,
    principal: Principal,
    owner: OwnedCommit | null,
  ): Promise<PublicCommitment> {
    requireDepartment(principal, dto.departmentCode);
    if (await this.db.getRepository(Draw).exist({ where: { taskRef: dto.taskRef } })) {
      throw new ConflictException(
        `任务 ${dto.taskRef} 已有抽取记录，不能重复抽取 / task already has a draw`,
      );
    }
    const rules = rulesRecord(dto.rules);
    const scope: DrawScope = {
      ...(dto.scope ?? {}),
      departmentCodes: dto.participatingDepartments,
    };
    const { rows, regions } = await this.freezeEligible(scope);
    const result = commitDraw({ targets: rows, rules, entropySource: dto.entropySource });
    const counts = result.commitment.counts;
    if (counts.every((c) => c.count === 0)) {
      throw new BadRequestException(
        `按当前规则抽取数量为 0（符合条件的对象 ${rows.length} 个）/ the rules draw no target`,
      );
    }
    if (counts.every((c) => c.count === c.population) && !dto.modeReason) {
      throw new BadRequestException(
        '全部对象均被抽取，仅人员为随机，须填写 modeReason 说明理由（HN 19）/ modeReason required',
      );
    }
    const draw = Object.assign(new Draw(), {
      id: randomUUID(),
      taskRef: dto.taskRef,
      inspectionId: owner?.inspectionId ?? null,
      disclosure: owner?.disclosure ?? ('public' as const),
      disclosedAt: null,
      departmentCode: dto.departmentCode,
      participating: dto.participatingDepartments,
      scope,
      rules,
      status: 'committed' as const,
      commitment: result.commitment,
      commitmentHash: result.commitmentHash,
      snapshotHash: result.snapshot.hash,
      targetCount: result.snapshot.rows.length,
      counts,
      entropySource: result.commitment.entropySource,
      modeReason: dto.modeReason ?? null,
      entropy: null,
      seed: null,
      createdBy: principal.username,
      createdAt: new Date(),
    });
    draw.secretSealed = sealSecret(this.secretKey, draw.id, result.secretHex);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(Draw).insert(draw);
      await saveText(manager, draw.id, 'snapshot', result.snapshot.text);
      await saveText(manager, draw.id, 'regions', regions.join(''));
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.commit',
          entityType: 'draw',
          entityId: draw.id,
          after: {
            status: draw.status,
            taskRef: draw.taskRef,
            inspectionId: draw.inspectionId,
            disclosure: draw.disclosure,
            participating: draw.participating,
            targetCount: draw.targetCount,
            counts,
            entropySource: draw.entropySource,
            committed: draw.commitmentHash,
          },
        },
        manager,
      );
      if (owner) await owner.link(manager, draw.id);
    });
    return this.publicCommitment(draw);
  }

  /** Steps 2–3: seed from S and E, draw, store, reveal S, lock the target list. */
  async draw(
    drawId: string,
    entropy: string,
    principal: Principal,
    viaOwner = false,
  ): Promise<DrawProof> {
    const draw = await this.load(drawId, true);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, draw.departmentCode);
    if (draw.status !== 'committed') throw lockedError();
    if (!viaOwner) requireStandalone(draw, 'POST /inspections/:id/draw');
    checkEntropy(entropy);
    const secretHex = openSecret(this.secretKey, draw.id, draw.secretSealed);
    const rows = await this.snapshotRows(draw);
    const seed = deriveSeed(secretHex, entropy);
    const drawn = drawTargets(rows, draw.commitment.counts, seed);
    const regions = await this.regionsOf(draw.id, drawn);
    await this.db.transaction(async (manager) => {
      const now = new Date();
      const updated = await manager
        .createQueryBuilder()
        .update(Draw)
        .set({ status: 'drawn', entropy, seed, drawnBy: principal.username, drawnAt: now })
        .where('id = :id AND status = :status', { id: draw.id, status: 'committed' })
        .execute();
      if (updated.affected !== 1) throw lockedError();
      const values = drawn.map((t) => ({
        drawId: draw.id,
        ...t,
        region: regions.get(t.code) ?? null,
      }));
      for (let at = 0; at < values.length; at += 1000) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(DrawTargetRow)
          .values(values.slice(at, at + 1000))
          .updateEntity(false)
          .execute();
      }
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.draw',
          entityType: 'draw',
          entityId: draw.id,
          before: { status: 'committed' },
          after: { status: 'drawn', entropy, seed, drawnCount: drawn.length },
        },
        manager,
      );
    });
    return this.fullProof(draw.id);
  }

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
    const draw = await this.load(drawId);
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
    const targets = await this.targetRows(drawId);
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
    return this.departmentState(drawId, departmentCode).then((s) => s.proof);
  }

  /** Records a replacement request (更换申请); nothing changes until the department head approves. */
  async requestReplacement(
    drawId: string,
    dto: RequestReplacementDto,
    principal: Principal,
  ): Promise<DrawReplacement> {
    await this.load(drawId);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, dto.departmentCode);
    const { current } = await this.departmentState(drawId, dto.departmentCode);
    const slot = current.find((a) => a.targetCode === dto.targetCode);
    if (!slot || !slot.inspectors.some((i) => i.certificateNo === dto.outCertificateNo)) {
      throw new BadRequestException(
        `执法人员 ${dto.outCertificateNo} 目前未分配到检查对象 ${dto.targetCode} / not currently assigned`,
      );
    }
    const repo = this.db.getRepository(DrawReplacement);
    const pending = await repo.exist({
      where: {
        drawId,
        departmentCode: dto.departmentCode,
        targetCode: dto.targetCode,
        outCertificateNo: dto.outCertificateNo,
        status: 'requested',
      },
    });
    if (pending) throw new ConflictException('已有相同的更换申请待审批 / a request is pending');
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(DrawReplacement).save(
        Object.assign(new DrawReplacement(), {
          drawId,
          departmentCode: dto.departmentCode,
          targetCode: dto.targetCode,
          outCertificateNo: dto.outCertificateNo,
          reason: dto.reason,
          appointedCertificateNo: null,
          status: 'requested',
          note: dto.note ?? null,
          requestedBy: principal.username,
          requestedAt: new Date(),
          seq: null,
          approvedBy: null,
          approvedAt: null,
          inCertificateNo: null,
          inRank: null,
          inKey: null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.replacement.request',
          entityType: 'draw',
          entityId: drawId,
          after: { replacementId: row.id, ...dto },
        },
        manager,
      );
      return row;
    });
  }

  /**
   * The department head (部门负责人) approves: the next candidate in the target's ranking who
   * qualifies steps in (HN 19). Only that department's dept_admin may approve.
   */
  async approveReplacement(
    drawId: string,
    replacementId: number,
    principal: Principal,
  ): Promise<DrawReplacement> {
    const repo = this.db.getRepository(DrawReplacement);
    const row = await repo.findOne({ where: { id: replacementId, drawId } });
    if (!row) throw new NotFoundException(`更换申请 ${replacementId} 不存在`);
    requireRole(principal, 'dept_admin');
    requireDepartment(principal, row.departmentCode);
    if (row.status !== 'requested')
      throw new ConflictException('该更换申请已审批 / already approved');
    const { proof, current, records } = await this.departmentState(drawId, row.departmentCode);
    const outcome = replaceInspector({
      departmentSeed: proof.seed ?? '',
      input: proof,
      selection: 'random',
      assignments: current,
      previous: records,
      request: {
        targetCode: row.targetCode,
        outCertificateNo: row.outCertificateNo,
        reason: row.reason,
        approvedBy: principal.username,
      },
    });
    if (!outcome.ok) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `检查对象 ${row.targetCode} 没有符合条件的替换人员 / no eligible replacement`,
        excluded: outcome.excluded,
      });
    }
    const { record } = outcome;
    return this.db.transaction(async (manager) => {
      const seq = records.length + 1;
      Object.assign(row, {
        status: 'approved',
        seq,
        approvedBy: record.approvedBy,
        approvedAt: new Date(),
        inCertificateNo: record.inCertificateNo,
        inRank: record.inRank,
        inKey: record.inKey,
      });
      await manager.getRepository(DrawReplacement).save(row);
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.replacement.approve',
          entityType: 'draw',
          entityId: drawId,
          before: { replacementId: row.id, status: 'requested' },
          after: { replacementId: row.id, status: 'approved', seq, ...record },
        },
        manager,
      );
      return row;
    });
  }

  /** Exceptions after the reveal are recorded addenda, never edits of the locked list. */
  async addException(
    drawId: string,
    dto: AddExceptionDto,
    principal: Principal,
  ): Promise<DrawAddendum> {
    const draw = await this.load(drawId);
    requireRole(principal, ...OPERATORS);
    requireDepartment(principal, dto.departmentCode);
    if (
      draw.departmentCode !== dto.departmentCode &&
      !draw.participating.includes(dto.departmentCode)
    )
      throw new BadRequestException(`部门 ${dto.departmentCode} 未参与本次任务`);
    if (draw.status === 'committed')
      throw new ConflictException('抽取前没有需要记录的例外 / nothing is locked before the draw');
    if (dto.targetCode !== undefined) {
      const drawn = await this.db
        .getRepository(DrawTargetRow)
        .exist({ where: { drawId, code: dto.targetCode } });
      if (!drawn) throw new BadRequestException(`检查对象 ${dto.targetCode} 未被抽中`);
    }
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(DrawAddendum).save(
        Object.assign(new DrawAddendum(), {
          drawId,
          departmentCode: dto.departmentCode,
          kind: dto.kind,
          targetCode: dto.targetCode ?? null,
          description: dto.description,
          status: 'requested',
          requestedBy: principal.username,
          requestedAt: new Date(),
          approvedBy: null,
          approvedAt: null,
        }),
      );
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.exception.add',
          entityType: 'draw',
          entityId: drawId,
          after: { addendumId: row.id, ...dto },
        },
        manager,
      );
      return row;
    });
  }

  /** Approved by the department's head or the office; the addendum is then published. */
  async approveException(
    drawId: string,
    addendumId: number,
    principal: Principal,
  ): Promise<DrawAddendum> {
    const repo = this.db.getRepository(DrawAddendum);
    const row = await repo.findOne({ where: { id: addendumId, drawId } });
    if (!row) throw new NotFoundException(`例外记录 ${addendumId} 不存在`);
    requireRole(principal, 'dept_admin', 'office');
    requireDepartment(principal, row.departmentCode);
    if (row.status !== 'requested')
      throw new ConflictException('该例外记录已审批 / already approved');
    return this.db.transaction(async (manager) => {
      Object.assign(row, {
        status: 'approved',
        approvedBy: principal.username,
        approvedAt: new Date(),
      });
      await manager.getRepository(DrawAddendum).save(row);
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.exception.approve',
          entityType: 'draw',
          entityId: drawId,
          before: { addendumId: row.id, status: 'requested' },
          after: { addendumId: row.id, status: 'approved' },
        },
        manager,
      );
      return row;
    });
  }

  async publicAddenda(drawId: string): Promise<DrawAddendum[]> {
    const draw = await this.load(drawId);
    // Addenda name drawn targets: a surprise check's are published with its list.
    if (withheld(draw)) return [];
    return this.db
      .getRepository(DrawAddendum)
      .find({ where: { drawId, status: 'approved' }, order: { id: 'ASC' } });
  }

  /**
   * The published proof; before the draw only the commitment (S stays sealed). A surprise
   * check's draw shows only its commitment and entropy until it is disclosed.
   */
  async proof(
    drawId: string,
    snapshotMode?: 'inline' | 'url',
  ): Promise<DrawProof | PublicCommitment | WithheldDraw> {
    const draw = await this.load(drawId, true);
    if (draw.status === 'committed') return this.publicCommitment(draw);
    if (withheld(draw)) return withheldView(draw);
    return this.assemble(draw, snapshotMode);
  }

  /** The full proof for the draw's departments (the owner's step), disclosed or not. */
  async fullProof(drawId: string, snapshotMode?: 'inline' | 'url'): Promise<DrawProof> {
    const draw = await this.load(drawId, true);
    if (draw.status === 'committed')
      throw new ConflictException('尚未抽取检查对象 / not drawn yet');
    return this.assemble(draw, snapshotMode);
  }

  /**
   * The owner of a surprise check's draw publishes it in full once its targets are inspected;
   * idempotent. Audited when it changes something.
   */
  async disclose(drawId: string, principal: Principal, reason: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(Draw)
        .set({ disclosedAt: new Date() })
        .where('id = :id AND disclosure = :kind AND disclosed_at IS NULL AND status <> :c', {
          id: drawId,
          kind: 'after-inspection',
          c: 'committed',
        })
        .execute();
      if (updated.affected !== 1) return false;
      await this.audit.record(
        {
          actor: principal,
          action: 'draw.disclose',
          entityType: 'draw',
          entityId: drawId,
          before: { disclosed: false },
          after: { disclosed: true, reason },
        },
        manager,
      );
      return true;
    });
  }

  /** Whether the public sees the drawn list and matching (false while a surprise check runs). */
  async isDisclosed(drawId: string): Promise<boolean> {
    const draw = await this.load(drawId);
    return draw.status !== 'committed' && !withheld(draw);
  }

  private async assemble(draw: Draw, snapshotMode?: 'inline' | 'url'): Promise<DrawProof> {
    const drawId = draw.id;
    const inline = snapshotMode
      ? snapshotMode === 'inline'
      : draw.targetCount <= INLINE_SNAPSHOT_LIMIT;
    const snapshot = inline
      ? { lines: snapshotTextToLines((await loadText(this.db.manager, drawId, 'snapshot')) ?? '') }
      : { hash: draw.snapshotHash, url: `/public/draws/${drawId}/snapshot` };
    return assembleProof({
      draw,
      secretHex: openSecret(this.secretKey, draw.id, draw.secretSealed),
      targets: await this.targetRows(drawId),
      departments: await this.storedDepartments(drawId),
      snapshot,
    });
  }

  /** The canonical snapshot text (`STRATUM,CODE\n` lines), exactly as committed. */
  async snapshotText(drawId: string): Promise<string> {
    await this.load(drawId);
    return (await loadText(this.db.manager, drawId, 'snapshot')) ?? '';
  }

  /** The draw for the departments taking part (and the office); no secret, even after reveal. */
  async getDraw(drawId: string, principal: Principal) {
    const draw = await this.load(drawId);
    const involved = [draw.departmentCode, ...draw.participating];
    if (!principal.isOffice && !involved.includes(principal.departmentCode)) {
      throw new ForbiddenException(`无权查看其他部门的抽取：本次抽取涉及 ${involved.join('、')}`);
    }
    const targets = await this.targetRows(drawId);
    const stored = await this.storedDepartments(drawId);
    return {
      id: draw.id,
      taskRef: draw.taskRef,
      departmentCode: draw.departmentCode,
      participatingDepartments: draw.participating,
      scope: draw.scope,
      status: draw.status,
      commitment: draw.commitment,
      commitmentHash: draw.commitmentHash,
      modeReason: draw.modeReason,
      entropy: draw.entropy,
      seed: draw.seed,
      createdBy: draw.createdBy,
      createdAt: draw.createdAt,
      drawnBy: draw.drawnBy,
      drawnAt: draw.drawnAt,
      lockedAt: draw.lockedAt,
      drawn: targets.map(({ stratum, code, rank, order, key, region }) => ({
        stratum,
        code,
        rank,
        order,
        key,
        region,
      })),
      departments: stored.map((d) => {
        const proof = departmentProof(targets, d);
        return {
          departmentCode: proof.departmentCode,
          method: proof.method,
          perTarget: proof.perTarget,
          matchedBy: d.department.matchedBy,
          matchedAt: d.department.matchedAt,
          assignments: currentAssignments(proof),
        };
      }),
      replacements: await this.db
        .getRepository(DrawReplacement)
        .find({ where: { drawId }, order: { id: 'ASC' } }),
      addenda: await this.db
        .getRepository(DrawAddendum)
        .find({ where: { drawId }, order: { id: 'ASC' } }),
    };
  }

  // --- internals ---------------------------------------------------------------------------

  private async load(drawId: string, withSecret = false): Promise<Draw> {
    const query = this.db
      .getRepository(Draw)
      .createQueryBuilder('d')
      .where('d.id = :drawId', { drawId });
    if (withSecret) query.addSelect('d.secretSealed');
    const draw = await query.getOne();
    if (!draw) throw new NotFoundException(`抽取 ${drawId} 不存在 / draw not found`);
    return draw;
  }

  private publicCommitment(draw: Draw): PublicCommitment {
    return {
      drawId: draw.id,
      taskRef: draw.taskRef,
      status: 'committed',
      commitment: draw.commitment,
      commitmentHash: draw.commitmentHash,
    };
  }

  /** Reads the eligible targets once, as the directory has them now (the frozen list). */
  private async freezeEligible(
    scope: DrawScope,
  ): Promise<{ rows: TargetRow[]; regions: string[] }> {
    const rows: TargetRow[] = [];
    const regions: string[] = [];
    for await (const target of this.sources.targets().streamEligible(scope)) {
      rows.push({ stratum: target.riskClass ?? UNCLASSIFIED_STRATUM, code: target.code });
      if (target.regionCode && typeof target.code === 'string')
        regions.push(`${target.code.normalize('NFC')}\t${JSON.stringify(target.regionCode)}\n`);
    }
    return { rows, regions };
  }

  /** The committed snapshot, checked against its hash before anything is drawn from it. */
  private async snapshotRows(draw: Draw): Promise<TargetRow[]> {
    const text = (await loadText(this.db.manager, draw.id, 'snapshot')) ?? '';
    if (sha256Hex(text) !== draw.snapshotHash) {
      throw new ConflictException(
        `抽取 ${draw.id} 的对象快照与承诺不一致，拒绝抽取 / snapshot hash mismatch`,
      );
    }
    return snapshotTextToLines(text).map((line) => {
      const comma = line.indexOf(',');
      return { stratum: line.slice(0, comma), code: line.slice(comma + 1) };
    });
  }

  private async regionsOf(
    drawId: string,
    drawn: readonly DrawnTarget[],
  ): Promise<Map<string, string>> {
    const wanted = new Set(drawn.map((t) => t.code));
    const regions = new Map<string, string>();
    const text = (await loadText(this.db.manager, drawId, 'regions')) ?? '';
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const code = line.slice(0, tab);
      if (wanted.has(code)) regions.set(code, JSON.parse(line.slice(tab + 1)) as string);
    }
    return regions;
  }

  private targetRows(drawId: string): Promise<DrawTargetRow[]> {
    return this.db
      .getRepository(DrawTargetRow)
      .find({ where: { drawId }, order: { order: 'ASC' } });
  }

  private async storedDepartments(
    drawId: string,
    departmentCode?: string,
  ): Promise<StoredDepartment[]> {
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

  /**
   * A department's current assignments (approved replacements applied), by target code; null
   * while the department has not matched its inspectors. For the inspection module's form checks.
   */
  async currentAssignments(
    drawId: string,
    departmentCode: string,
  ): Promise<Map<string, string[]> | null> {
    const [stored] = await this.storedDepartments(drawId, departmentCode);
    if (!stored) return null;
    const { current } = await this.departmentState(drawId, departmentCode);
    return new Map(current.map((a) => [a.targetCode, a.inspectors.map((i) => i.certificateNo)]));
  }

  /** The drawn target codes in draw order, and the draw's status; for distribution. */
  async drawnTargets(drawId: string): Promise<{ status: Draw['status']; codes: string[] }> {
    const draw = await this.load(drawId);
    const rows = await this.targetRows(drawId);
    return { status: draw.status, codes: rows.map((r) => r.code) };
  }

  /** Status of a joint task's own draw (linked by the task's id), or null before its commit. */
  async statusOfOwned(
    inspectionId: string,
  ): Promise<{ id: string; status: Draw['status'] } | null> {
    const draw = await this.db.getRepository(Draw).findOne({ where: { inspectionId } });
    return draw ? { id: draw.id, status: draw.status } : null;
  }

  /** The department's proof, and its assignments with every approved replacement applied. */
  private async departmentState(drawId: string, departmentCode: string) {
    const [stored] = await this.storedDepartments(drawId, departmentCode);
    if (!stored)
      throw new ConflictException(`部门 ${departmentCode} 尚未匹配执法人员 / not matched yet`);
    const proof = departmentProof(await this.targetRows(drawId), stored);
    const { assignments: current, records } = applyReplacements(proof, proof.replacements);
    return { proof, current, records };
  }
}

/** A joint task's draw is drawn and matched only through the task's own steps. */
function requireStandalone(draw: Draw, endpoint: string): void {
  if (draw.inspectionId)
    throw new ConflictException(
      `抽取 ${draw.id} 属于联合抽查任务 ${draw.taskRef}，须在任务的步骤中办理（${endpoint}）/ use the task's step`,
    );
}

function withheld(draw: Draw): boolean {
  return draw.disclosure === 'after-inspection' && !draw.disclosedAt;
}

function withheldView(draw: Draw): WithheldDraw {
  return {
    drawId: draw.id,
    taskRef: draw.taskRef,
    status: draw.status as 'drawn' | 'locked',
    withheld: true,
    reason: WITHHELD_REASON,
    commitment: draw.commitment,
    commitmentHash: draw.commitmentHash,
    entropy: draw.entropy,
  };
}

function lockedError(): ConflictException {
  return new ConflictException('抽取已完成，名单已锁定，不能重新抽取或修改 / the draw is locked');
}

function rulesRecord(rules: CommitDrawDto['rules']): Record<string, CountRule> {
  const record: Record<string, CountRule> = {};
  for (const rule of rules) {
    if (Object.prototype.hasOwnProperty.call(record, rule.stratum))
      throw new DrawInputError(
        `风险分类 ${rule.stratum} 的规则重复 / stratum given twice`,
        'rules',
      );
    if ((rule.ratio === undefined) === (rule.count === undefined))
      throw new DrawInputError(
        `风险分类 ${rule.stratum} 须且只能给出 ratio 或 count 之一 / give exactly one of ratio, count`,
        'rules',
      );
    record[rule.stratum] =
      rule.ratio !== undefined ? { ratio: rule.ratio } : { count: rule.count ?? 0 };
  }
  return record;
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

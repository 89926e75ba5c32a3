import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { requireDepartment, requireRole } from '../auth/access';
import type { Principal } from '../auth/roles';
import { saveText, loadText } from './blob-store';
import {
  checkEntropy,
  commitDraw,
  currentAssignments,
  deriveSeed,
  drawTargets,
  DrawInputError,
  sha256Hex,
  snapshotTextToLines,
  type CountRule,
  type DrawProof,
  type DrawnTarget,
  type TargetRow,
} from './core';
import { assembleProof, departmentProof } from './draw-proof';
import { DrawRecords, OPERATORS, requireStandalone, withheld } from './draw-records';
import type { CommitDrawDto } from './dto/draw.dto';
import {
  Draw,
  type DrawDisclosure,
  DrawAddendum,
  DrawReplacement,
  DrawTargetRow,
} from './entities';
import { drawSecretKey, openSecret, sealSecret } from './secret-box';
import { DrawSources, type DrawScope } from './sources';

/** Stratum for targets without a credit-risk class yet; it is listed in the counts like any other. */
export const UNCLASSIFIED_STRATUM = '未分类';

/** Above this many snapshot lines the proof links to the snapshot instead of inlining it. */
export const INLINE_SNAPSHOT_LIMIT = 10_000;

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
 * Commit, draw and proof (docs/draw.md steps 1–3): the frozen snapshot, the sealed secret S, the
 * reveal, the published proof and the draw's views. Every state change is audited in its
 * transaction; S is sealed at rest and appears only in the proof after the reveal.
 */
@Injectable()
export class DrawCommitService {
  private readonly secretKey: Buffer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly sources: DrawSources,
    private readonly records: DrawRecords,
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
    return publicCommitment(draw);
  }

  /** Steps 2–3: seed from S and E, draw, store, reveal S, lock the target list. */
  async draw(
    drawId: string,
    entropy: string,
    principal: Principal,
    viaOwner = false,
  ): Promise<DrawProof> {
    const draw = await this.records.load(drawId, true);
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
   * The published proof; before the draw only the commitment (S stays sealed). A surprise
   * check's draw shows only its commitment and entropy until it is disclosed.
   */
  async proof(
    drawId: string,
    snapshotMode?: 'inline' | 'url',
  ): Promise<DrawProof | PublicCommitment | WithheldDraw> {
    const draw = await this.records.load(drawId, true);
    if (draw.status === 'committed') return publicCommitment(draw);
    if (withheld(draw)) return withheldView(draw);
    return this.assemble(draw, snapshotMode);
  }

  /** The full proof for the draw's departments (the owner's step), disclosed or not. */
  async fullProof(drawId: string, snapshotMode?: 'inline' | 'url'): Promise<DrawProof> {
    const draw = await this.records.load(drawId, true);
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
    const draw = await this.records.load(drawId);
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
      targets: await this.records.targetRows(drawId),
      departments: await this.records.storedDepartments(drawId),
      snapshot,
    });
  }

  /** The canonical snapshot text (`STRATUM,CODE\n` lines), exactly as committed. */
  async snapshotText(drawId: string): Promise<string> {
    await this.records.load(drawId);
    return (await loadText(this.db.manager, drawId, 'snapshot')) ?? '';
  }

  /** The draw for the departments taking part (and the office); no secret, even after reveal. */
  async getDraw(drawId: string, principal: Principal) {
    const draw = await this.records.load(drawId);
    const involved = [draw.departmentCode, ...draw.participating];
    if (!principal.isOffice && !involved.includes(principal.departmentCode)) {
      throw new ForbiddenException(`无权查看其他部门的抽取：本次抽取涉及 ${involved.join('、')}`);
    }
    const targets = await this.records.targetRows(drawId);
    const stored = await this.records.storedDepartments(drawId);
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

  /** The drawn target codes in draw order, and the draw's status; for distribution. */
  async drawnTargets(drawId: string): Promise<{ status: Draw['status']; codes: string[] }> {
    const draw = await this.records.load(drawId);
    const rows = await this.records.targetRows(drawId);
    return { status: draw.status, codes: rows.map((r) => r.code) };
  }

  /** Status of a joint task's own draw (linked by the task's id), or null before its commit. */
  async statusOfOwned(
    inspectionId: string,
  ): Promise<{ id: string; status: Draw['status'] } | null> {
    const draw = await this.db.getRepository(Draw).findOne({ where: { inspectionId } });
    return draw ? { id: draw.id, status: draw.status } : null;
  }
}

function publicCommitment(draw: Draw): PublicCommitment {
  return {
    drawId: draw.id,
    taskRef: draw.taskRef,
    status: 'committed',
    commitment: draw.commitment,
    commitmentHash: draw.commitmentHash,
  };
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

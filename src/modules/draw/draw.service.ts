import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import type { DepartmentProof, DrawProof } from './core';
import {
  DrawCommitService,
  type OwnedCommit,
  type PublicCommitment,
  type WithheldDraw,
} from './draw-commit.service';
import { DrawAmendmentsService } from './draw-amendments.service';
import type {
  AddExceptionDto,
  CommitDrawDto,
  MatchInspectorsDto,
  RequestReplacementDto,
} from './dto/draw.dto';
import type { Draw, DrawAddendum, DrawReplacement } from './entities';
import { InspectorMatchingService } from './inspector-matching.service';

export {
  INLINE_SNAPSHOT_LIMIT,
  UNCLASSIFIED_STRATUM,
  WITHHELD_REASON,
  reservedTaskRef,
  type OwnedCommit,
  type PublicCommitment,
  type WithheldDraw,
} from './draw-commit.service';
export { inspectorFacts } from './inspector-matching.service';

/**
 * The provably fair draw as a service (docs/draw.md): commit, draw, the second draw per
 * department, replacements and addenda, and the proof. Every state change is audited in its
 * transaction; the secret S is sealed at rest and appears only in the proof after the reveal.
 *
 * The façade other modules inject; the work is done by DrawCommitService (commit, draw, proof),
 * InspectorMatchingService (the second draw) and DrawAmendmentsService (replacements, exceptions).
 */
@Injectable()
export class DrawService {
  constructor(
    private readonly commits: DrawCommitService,
    private readonly matching: InspectorMatchingService,
    private readonly amendments: DrawAmendmentsService,
  ) {}

  commit(dto: CommitDrawDto, principal: Principal): Promise<PublicCommitment> {
    return this.commits.commit(dto, principal);
  }

  commitForInspection(
    dto: CommitDrawDto,
    principal: Principal,
    owner: OwnedCommit,
  ): Promise<PublicCommitment> {
    return this.commits.commitForInspection(dto, principal, owner);
  }

  draw(
    drawId: string,
    entropy: string,
    principal: Principal,
    viaOwner = false,
  ): Promise<DrawProof> {
    return this.commits.draw(drawId, entropy, principal, viaOwner);
  }

  matchInspectors(
    drawId: string,
    departmentCode: string,
    dto: MatchInspectorsDto,
    principal: Principal,
    viaOwner = false,
  ): Promise<DepartmentProof> {
    return this.matching.matchInspectors(drawId, departmentCode, dto, principal, viaOwner);
  }

  requestReplacement(
    drawId: string,
    dto: RequestReplacementDto,
    principal: Principal,
  ): Promise<DrawReplacement> {
    return this.amendments.requestReplacement(drawId, dto, principal);
  }

  approveReplacement(
    drawId: string,
    replacementId: number,
    principal: Principal,
  ): Promise<DrawReplacement> {
    return this.amendments.approveReplacement(drawId, replacementId, principal);
  }

  addException(drawId: string, dto: AddExceptionDto, principal: Principal): Promise<DrawAddendum> {
    return this.amendments.addException(drawId, dto, principal);
  }

  approveException(
    drawId: string,
    addendumId: number,
    principal: Principal,
  ): Promise<DrawAddendum> {
    return this.amendments.approveException(drawId, addendumId, principal);
  }

  publicAddenda(drawId: string): Promise<DrawAddendum[]> {
    return this.amendments.publicAddenda(drawId);
  }

  proof(
    drawId: string,
    snapshotMode?: 'inline' | 'url',
  ): Promise<DrawProof | PublicCommitment | WithheldDraw> {
    return this.commits.proof(drawId, snapshotMode);
  }

  fullProof(drawId: string, snapshotMode?: 'inline' | 'url'): Promise<DrawProof> {
    return this.commits.fullProof(drawId, snapshotMode);
  }

  disclose(drawId: string, principal: Principal, reason: string): Promise<boolean> {
    return this.commits.disclose(drawId, principal, reason);
  }

  isDisclosed(drawId: string): Promise<boolean> {
    return this.commits.isDisclosed(drawId);
  }

  snapshotText(drawId: string): Promise<string> {
    return this.commits.snapshotText(drawId);
  }

  getDraw(drawId: string, principal: Principal): ReturnType<DrawCommitService['getDraw']> {
    return this.commits.getDraw(drawId, principal);
  }

  currentAssignments(
    drawId: string,
    departmentCode: string,
  ): Promise<Map<string, string[]> | null> {
    return this.matching.currentAssignments(drawId, departmentCode);
  }

  drawnTargets(drawId: string): Promise<{ status: Draw['status']; codes: string[] }> {
    return this.commits.drawnTargets(drawId);
  }

  statusOfOwned(inspectionId: string): Promise<{ id: string; status: Draw['status'] } | null> {
    return this.commits.statusOfOwned(inspectionId);
  }
}

import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';

/**
 * What the draw needs from the registries, and nothing more. The target directory
 * (检查对象名录库) and the inspector directory (执法检查人员名录库) implement these; the draw
 * never reads their tables directly.
 */

/** Which targets a task may draw from (HN 18: only targets every participating department supervises). */
export interface DrawScope {
  /** Participating departments; an eligible target is supervised by all of them. */
  departmentCodes: string[];
  targetTypes?: string[];
  regionCodes?: string[];
  industryTags?: string[];
}

export interface EligibleTarget {
  code: string;
  /** Credit-risk class (信用风险分类) A–D; null when not yet classified. */
  riskClass: string | null;
  regionCode?: string | null;
}

export interface EligibleTargetSource {
  /** Every eligible target once; the draw rejects a duplicated code. */
  streamEligible(scope: DrawScope): AsyncIterable<EligibleTarget>;
}

export interface InspectorRecord {
  name: string;
  certificateNo: string | null;
  departmentCode: string;
  enforcementQualified: boolean;
  expertiseTags: string[];
  /** Third-party experts (第三方专家) assist only (NX 16) and are never drawn. */
  thirdPartyExpert: boolean;
  /** on_duty is drawable; on_leave / transferred are listed as inactive. */
  status: string;
  /** Declared conflicts of interest (利害关系), if the registry keeps them. */
  conflictTargetCodes?: string[];
  conflictRegions?: string[];
  /** Per-inspector cap for this task, if the registry keeps one. */
  capacity?: number | null;
}

export interface InspectorSource {
  listForDepartment(departmentCode: string): Promise<InspectorRecord[]>;
}

export const ELIGIBLE_TARGET_SOURCE = Symbol('ELIGIBLE_TARGET_SOURCE');
export const INSPECTOR_SOURCE = Symbol('INSPECTOR_SOURCE');

/**
 * The bound sources. Production binds the registries' services to the tokens; `use` rebinds
 * (tests bind in-memory directories built from their own data).
 */
@Injectable()
export class DrawSources {
  constructor(
    @Optional() @Inject(ELIGIBLE_TARGET_SOURCE) private targetSource?: EligibleTargetSource,
    @Optional() @Inject(INSPECTOR_SOURCE) private inspectorSource?: InspectorSource,
  ) {}

  use(bindings: { targets?: EligibleTargetSource; inspectors?: InspectorSource }): void {
    if (bindings.targets) this.targetSource = bindings.targets;
    if (bindings.inspectors) this.inspectorSource = bindings.inspectors;
  }

  targets(): EligibleTargetSource {
    if (!this.targetSource)
      throw new ServiceUnavailableException(
        '检查对象名录库尚未接入 / no target directory is bound',
      );
    return this.targetSource;
  }

  inspectors(): InspectorSource {
    if (!this.inspectorSource)
      throw new ServiceUnavailableException(
        '执法检查人员名录库尚未接入 / no inspector directory is bound',
      );
    return this.inspectorSource;
  }
}

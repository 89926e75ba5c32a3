import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REPLACEMENT_REASONS, type ReplacementReason } from '../core';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class DrawScopeDto {
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  targetTypes?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  regionCodes?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  industryTags?: string[];
}

/** One stratum's rule: a ratio ("0.07" or "7%") or an absolute count, exactly one of them. */
export class StratumRuleDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  stratum: string;

  @ValidateIf((o: StratumRuleDto) => o.count === undefined)
  @IsString({ message: '须给出 ratio（如 "0.07" 或 "7%"）或 count（非负整数）之一' })
  ratio?: string;

  @ValidateIf((o: StratumRuleDto) => o.ratio === undefined)
  @IsInt({ message: '须给出 ratio（如 "0.07" 或 "7%"）或 count（非负整数）之一' })
  @Min(0)
  count?: number;
}

export class EntropySourceDto {
  @IsIn(['witness', 'beacon'])
  kind: 'witness' | 'beacon';

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  beaconUrl?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  round?: string;
}

export class CommitDrawDto {
  /** The task's business key (抽查任务编号). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  taskRef: string;

  /** The initiating department (发起部门). */
  @Matches(CODE, { message: 'departmentCode 须为 1–64 位字母、数字、_ 或 -' })
  departmentCode: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: 'participatingDepartments 的每一项须为部门代码' })
  participatingDepartments: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => DrawScopeDto)
  scope?: DrawScopeDto;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => StratumRuleDto)
  rules: StratumRuleDto[];

  @ValidateNested()
  @Type(() => EntropySourceDto)
  entropySource: EntropySourceDto;

  /** Required when every stratum draws all its targets (only the inspector draw is random, HN 19). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  modeReason?: string;
}

export class DrawEntropyDto {
  /** The public entropy E, exactly as the witness typed it or the beacon published it. */
  @IsString()
  @MaxLength(1000)
  entropy: string;
}

/** A declared conflict of interest (利害关系/回避) for this task. */
export class RecusalDto {
  @IsString()
  @IsNotEmpty()
  certificateNo: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  targetCodes?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  regions?: string[];
}

export class MatchInspectorsDto {
  /** m: inspectors per target (≥ 2 on site, HN 21). */
  @IsInt()
  @Min(1)
  m: number;

  @IsBoolean()
  onSite: boolean;

  /** When not on site: written, online or other (default written). */
  @IsOptional()
  @IsIn(['written', 'online', 'other'])
  method?: 'written' | 'online' | 'other';

  /** Most targets one inspector takes in this task; omitted: unlimited. */
  @IsOptional()
  @IsInt()
  @Min(1)
  capacity?: number;

  @IsArray()
  @IsString({ each: true })
  requiredExpertise: string[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RecusalDto)
  recusals?: RecusalDto[];
}

export class RequestReplacementDto {
  @Matches(CODE, { message: 'departmentCode 须为部门代码' })
  departmentCode: string;

  @IsString()
  @IsNotEmpty()
  targetCode: string;

  @IsString()
  @IsNotEmpty()
  outCertificateNo: string;

  @IsIn(REPLACEMENT_REASONS as string[], {
    message: `reason 须为 ${REPLACEMENT_REASONS.join('、')} 之一（工作调动、工作冲突、健康原因、回避，HN 19）`,
  })
  reason: ReplacementReason;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export const ADDENDUM_KINDS = ['target-closed', 'target-unreachable', 'other'] as const;

export class AddExceptionDto {
  @Matches(CODE, { message: 'departmentCode 须为部门代码' })
  departmentCode: string;

  @IsIn(ADDENDUM_KINDS as unknown as string[])
  kind: (typeof ADDENDUM_KINDS)[number];

  @IsOptional()
  @IsString()
  targetCode?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;
}

export class ProofQuery {
  /** inline: the snapshot lines inside the proof; url: its hash and address. Default by size. */
  @IsOptional()
  @IsIn(['inline', 'url'])
  snapshot?: 'inline' | 'url';
}

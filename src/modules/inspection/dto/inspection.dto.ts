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
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PickType } from '@nestjs/swagger';
import { IsCalendarDate, IsCalendarDateTime } from '../../../common/calendar-date';
import { CommitDrawDto, DrawEntropyDto } from '../../draw/dto/draw.dto';
import { FOLLOW_UP_KINDS, ITEM_RESULTS, type FollowUpKind, type ItemResult } from '../entities';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const METHODS = ['on_site', 'written', 'online', 'other'] as const;

/**
 * Starting a joint task: from a published plan task (planId + planTaskKey), or a temporary task
 * outside the plan (NX 20, HN 13) with its reason, departments, items and window.
 */
export class StartInspectionDto {
  @ValidateIf((o: StartInspectionDto) => !o.temporary)
  @IsUUID()
  planId?: string;

  @ValidateIf((o: StartInspectionDto) => !o.temporary)
  @IsString()
  @IsNotEmpty()
  @MaxLength(36)
  planTaskKey?: string;

  @IsOptional()
  @IsBoolean()
  temporary?: boolean;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsString({ message: '临时任务须说明理由 reason (NX 20, HN 13)' })
  @IsNotEmpty({ message: '临时任务须说明理由 reason (NX 20, HN 13)' })
  @MaxLength(2000)
  reason?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: 'departments 的每一项须为部门代码' })
  departments?: string[];

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  itemCodes?: string[];

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsCalendarDate()
  windowStart?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsCalendarDate()
  windowEnd?: string;

  /** Working days after the window within which results are published (default 20, NX 27). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  publishDays?: number;
}

export class SchemeItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  itemCode: string;

  /** What is checked under this item (检查内容). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  contents: string;

  /** Materials the target prepares (需准备的材料), printed on the advance notice. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  materials?: string;
}

/** The inspection scheme (检查方案, NX 22). */
export class SchemeDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SchemeItemDto)
  items: SchemeItemDto[];

  @IsCalendarDate()
  windowStart: string;

  @IsCalendarDate()
  windowEnd: string;

  @IsOptional()
  @IsIn(METHODS, { message: `method 须为 ${METHODS.join('、')} 之一（默认 on_site 现场检查）` })
  method?: (typeof METHODS)[number];

  /** Surprise check: no advance notice (不预先告知). */
  @IsBoolean()
  surprise: boolean;

  /** Inspectors per target per department; on site at least 2 (HN 21). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  inspectorsPerTarget?: number;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class ConfirmationDto {
  @IsIn(['confirm', 'decline'], { message: 'decision 须为 confirm（确认）或 decline（不参与）' })
  decision: 'confirm' | 'decline';

  @ValidateIf((o: ConfirmationDto) => o.decision === 'decline')
  @IsString({ message: '不参与须说明理由 reason' })
  @IsNotEmpty({ message: '不参与须说明理由 reason' })
  @MaxLength(2000)
  reason?: string;
}

export class DeclineReviewDto {
  @IsBoolean()
  accept: boolean;

  @IsString()
  @IsNotEmpty({ message: '须填写审核意见 note' })
  @MaxLength(2000)
  note: string;
}

/** The commitment (抽取承诺): the draw's rules, entropy source, scope and mode reason. */
export class CommitDto extends PickType(CommitDrawDto, [
  'rules',
  'entropySource',
  'scope',
  'modeReason',
] as const) {}

/** The witness entropy, exactly as the draw takes it. */
export class EntropyDto extends DrawEntropyDto {}

export class MatchDto {
  @IsArray()
  @IsString({ each: true })
  requiredExpertise: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  capacity?: number;
}

export class WithholdDto {
  /** Legal basis for not publishing this item's result (依法不予公开的依据). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  basis: string;
}

export class FormItemDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  itemCode: string;

  @IsIn(ITEM_RESULTS, {
    message: `result 须为 ${ITEM_RESULTS.join('、')} 之一（未发现问题、发现问题、通过登记的住所无法联系、不配合检查、其他）`,
  })
  result: ItemResult;

  @ValidateIf((o: FormItemDto) => o.result === 'problem' || o.result === 'other')
  @IsString({ message: '发现问题或其他情况须填写 findings' })
  @IsNotEmpty({ message: '发现问题或其他情况须填写 findings' })
  @MaxLength(4000)
  findings?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  measures?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => WithholdDto)
  withhold?: WithholdDto;
}

export class RefusalDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  witnessedBy: string[];
}

export class SignatureDto {
  @ValidateIf((o: SignatureDto) => o.refusal === undefined)
  @IsString({ message: '须由检查对象签字（signedBy）或记录拒签（refusal）' })
  @IsNotEmpty({ message: '须由检查对象签字（signedBy）或记录拒签（refusal）' })
  @MaxLength(100)
  signedBy?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => RefusalDto)
  refusal?: RefusalDto;
}

export class AttachmentDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 须为 64 位小写十六进制' })
  sha256: string;

  @IsInt()
  @Min(0)
  size: number;
}

/** One department's record of one target (一企一表). */
export class FormDto {
  @IsCalendarDate()
  inspectedOn: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => FormItemDto)
  items: FormItemDto[];

  @IsArray()
  @ArrayUnique()
  @IsString({ each: true })
  inspectorsPresent: string[];

  @ValidateNested()
  @Type(() => SignatureDto)
  signature: SignatureDto;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class BulkFormDto extends FormDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  targetCode: string;
}

export class BulkFormsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => BulkFormDto)
  forms: BulkFormDto[];
}

export class FollowUpDecisionDto {
  @IsIn(FOLLOW_UP_KINDS, {
    message: `kind 须为 ${FOLLOW_UP_KINDS.join('、')} 之一（责令整改、移送执法机构、移送司法机关、行政处罚、无需处置）`,
  })
  kind: FollowUpKind;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'rectification')
  @IsCalendarDate(
    {},
    {
      message: '责令整改须给出整改期限 rectificationDeadline：有效日期 YYYY-MM-DD（2000–2100 年）',
    },
  )
  rectificationDeadline?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'enforcement' || o.kind === 'judiciary')
  @IsString({ message: '移送须写明接收机关 handedOverTo' })
  @IsNotEmpty({ message: '移送须写明接收机关 handedOverTo' })
  @MaxLength(200)
  handedOverTo?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'penalty')
  @IsCalendarDate(
    {},
    { message: '行政处罚须给出决定日期 decisionDate：有效日期 YYYY-MM-DD（2000–2100 年）' },
  )
  decisionDate?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'penalty')
  @IsString({ message: '行政处罚须给出决定书文号 decisionNo' })
  @IsNotEmpty({ message: '行政处罚须给出决定书文号 decisionNo' })
  @MaxLength(100)
  decisionNo?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}

export class PenaltyInfoDto {
  /** The penalty information as published (行政处罚信息). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  content: string;
}

export class RectificationDto {
  @IsBoolean()
  rectified: boolean;

  /** Not rectified in time: the enforcement body the case goes to. */
  @ValidateIf((o: RectificationDto) => o.rectified === false)
  @IsString({ message: '未整改的须写明移送的执法机构 handedOverTo' })
  @IsNotEmpty({ message: '未整改的须写明移送的执法机构 handedOverTo' })
  @MaxLength(200)
  handedOverTo?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note: string;
}

export class ListInspectionsQuery {
  @IsOptional()
  @IsCalendarDateTime()
  since?: string;
}

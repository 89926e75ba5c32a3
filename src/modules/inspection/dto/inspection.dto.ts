import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { PickType } from '@nestjs/swagger';
import { IsCalendarDate, IsCalendarDateTime } from '../../../common/calendar-date';
import { CommitDrawDto, DrawEntropyDto } from '../../draw/dto/draw.dto';
import {
  BoolField,
  fieldMessage,
  IntField,
  ObjectField,
  ObjectListField,
  TextField,
  TextListField,
} from '../../../common/fields';
import { FOLLOW_UP_KINDS, ITEM_RESULTS, type FollowUpKind, type ItemResult } from '../entities';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const METHODS = ['on_site', 'written', 'online', 'other'] as const;

/**
 * Starting a joint task: from a published plan task (planId + planTaskKey), or a temporary task
 * outside the plan (NX 20, HN 13) with its reason, departments, items and window.
 */
export class StartInspectionDto {
  @ValidateIf((o: StartInspectionDto) => !o.temporary)
  @IsUUID(undefined, {
    message: fieldMessage('抽查计划', 'planId', '按计划任务发起时必填，须为计划的 UUID'),
  })
  planId?: string;

  @ValidateIf((o: StartInspectionDto) => !o.temporary)
  @TextField('计划任务', 36, '按计划任务发起时必填，')
  planTaskKey?: string;

  @IsOptional()
  @BoolField('临时任务')
  temporary?: boolean;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @TextField('临时任务理由', 2000, '临时任务（NX 20, HN 13）必填，')
  reason?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @TextField('任务名称', 200, '临时任务必填，')
  name?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @TextListField('参与部门', {
    min: 1,
    max: 50,
    maxEach: 64,
    unique: true,
    pattern: CODE,
    when: '临时任务必填，',
    each: '每项为部门代码：字母、数字、_ 或 -，至多 64 字',
  })
  departments?: string[];

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @TextListField('检查事项', { min: 1, max: 200, maxEach: 64 })
  itemCodes?: string[];

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '检查开始日期',
        'windowStart',
        '须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  windowStart?: string;

  @ValidateIf((o: StartInspectionDto) => o.temporary === true)
  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '检查结束日期',
        'windowEnd',
        '须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  windowEnd?: string;

  /** Working days after the window within which results are published (default 20, NX 27). */
  @IsOptional()
  @IntField('公示期限（工作日）', 1, 20)
  publishDays?: number;
}

export class SchemeItemDto {
  @TextField('检查事项代码', 64)
  itemCode: string;

  /** What is checked under this item (检查内容). */
  @TextField('检查内容', 4000)
  contents: string;

  /** Materials the target prepares (需准备的材料), printed on the advance notice. */
  @IsOptional()
  @TextField('需准备的材料', 2000)
  materials?: string;
}

/** The inspection scheme (检查方案, NX 22). */
export class SchemeDto {
  @ObjectListField('检查事项', 1, 200, '为 {"itemCode", "contents", "materials"?}')
  @ValidateNested({ each: true })
  @Type(() => SchemeItemDto)
  items: SchemeItemDto[];

  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '检查开始日期',
        'windowStart',
        '须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  windowStart: string;

  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '检查结束日期',
        'windowEnd',
        '须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  windowEnd: string;

  @IsOptional()
  @IsIn(METHODS, {
    message: fieldMessage(
      '检查方式',
      'method',
      `须为 ${METHODS.join('、')} 之一（默认 on_site 现场检查）`,
    ),
  })
  method?: (typeof METHODS)[number];

  /** Surprise check: no advance notice (不预先告知). */
  @BoolField('不预先告知')
  surprise: boolean;

  /** Inspectors per target per department; on site at least 2 (HN 21). */
  @IsOptional()
  @IntField('每个对象每个部门的执法人员数', 1, 10)
  inspectorsPerTarget?: number;

  @IsOptional()
  @TextField('备注', 4000)
  note?: string;
}

export class ConfirmationDto {
  @IsIn(['confirm', 'decline'], {
    message: fieldMessage('确认结果', 'decision', '须为 confirm（确认）或 decline（不参与）'),
  })
  decision: 'confirm' | 'decline';

  @ValidateIf((o: ConfirmationDto) => o.decision === 'decline')
  @TextField('不参与理由', 2000, '不参与（decline）时必填，')
  reason?: string;
}

export class DeclineReviewDto {
  @BoolField('是否同意不参与')
  accept: boolean;

  @TextField('审核意见', 2000)
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
  @TextListField('所需专业领域', { max: 50, maxEach: 100 })
  requiredExpertise: string[];

  @IsOptional()
  @IntField('每名执法人员至多检查对象数', 1, 100_000)
  capacity?: number;
}

export class WithholdDto {
  /** Legal basis for not publishing this item's result (依法不予公开的依据). */
  @TextField('不予公开的依据', 500)
  basis: string;
}

export class FormItemDto {
  @TextField('检查事项代码', 64)
  itemCode: string;

  @IsIn(ITEM_RESULTS, {
    message: fieldMessage(
      '检查结果',
      'result',
      `须为 ${ITEM_RESULTS.join('、')} 之一（未发现问题、发现问题、通过登记的住所无法联系、不配合检查、其他）`,
    ),
  })
  result: ItemResult;

  @ValidateIf((o: FormItemDto) => o.result === 'problem' || o.result === 'other')
  @TextField('检查发现', 4000, '检查结果为 problem（发现问题）或 other（其他）时必填，')
  findings?: string;

  @IsOptional()
  @TextField('处理措施', 4000)
  measures?: string;

  @IsOptional()
  @ObjectField('不予公开', '须为对象 {"basis": 依法不予公开的依据}')
  @ValidateNested()
  @Type(() => WithholdDto)
  withhold?: WithholdDto;
}

export class RefusalDto {
  @TextField('拒签情况', 1000)
  reason: string;

  @TextListField('拒签见证人', { min: 1, max: 20, maxEach: 100 })
  witnessedBy: string[];
}

export class SignatureDto {
  @ValidateIf((o: SignatureDto) => o.refusal === undefined)
  @TextField('检查对象签字人', 100, '未记录拒签（refusal）时必填，')
  signedBy?: string;

  @IsOptional()
  @ObjectField('拒签记录', '须为对象 {"reason": 拒签情况, "witnessedBy": [见证人…]}')
  @ValidateNested()
  @Type(() => RefusalDto)
  refusal?: RefusalDto;
}

export class AttachmentDto {
  @TextField('附件名称', 200)
  name: string;

  @Matches(/^[0-9a-f]{64}$/, {
    message: fieldMessage('附件摘要', 'sha256', '须为 64 位小写十六进制 SHA-256'),
  })
  sha256: string;

  @IntField('附件大小', 0, Number.MAX_SAFE_INTEGER)
  size: number;
}

/** One department's record of one target (一企一表). */
export class FormDto {
  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '检查日期',
        'inspectedOn',
        '须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  inspectedOn: string;

  @ObjectListField('检查结果', 1, 200, '为 {"itemCode", "result", "findings"?, "measures"?}')
  @ValidateNested({ each: true })
  @Type(() => FormItemDto)
  items: FormItemDto[];

  @TextListField('在场执法人员', { max: 50, maxEach: 64, unique: true })
  inspectorsPresent: string[];

  @ObjectField(
    '检查对象签字',
    '必填，须为对象：签字 {"signedBy": 签字人} 或拒签 {"refusal": {"reason": 拒签情况, "witnessedBy": [见证人…]}}',
  )
  @ValidateNested()
  @Type(() => SignatureDto)
  signature: SignatureDto;

  @IsOptional()
  @ObjectListField('附件', 0, 100, '为 {"name", "sha256", "size"}')
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class BulkFormDto extends FormDto {
  @TextField('检查对象代码', 64)
  targetCode: string;
}

export class BulkFormsDto {
  @ObjectListField('检查记录', 1, 2000, '为一份检查记录（含 targetCode）')
  @ValidateNested({ each: true })
  @Type(() => BulkFormDto)
  forms: BulkFormDto[];
}

export class FollowUpDecisionDto {
  @IsIn(FOLLOW_UP_KINDS, {
    message: fieldMessage(
      '后续处置',
      'kind',
      `须为 ${FOLLOW_UP_KINDS.join('、')} 之一（责令整改、移送执法机构、移送司法机关、行政处罚、无需处置）`,
    ),
  })
  kind: FollowUpKind;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'rectification')
  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '整改期限',
        'rectificationDeadline',
        '责令整改（rectification）时必填，须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  rectificationDeadline?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'enforcement' || o.kind === 'judiciary')
  @TextField('接收机关', 200, '移送（enforcement、judiciary）时必填，')
  handedOverTo?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'penalty')
  @IsCalendarDate(
    {},
    {
      message: fieldMessage(
        '处罚决定日期',
        'decisionDate',
        '行政处罚（penalty）时必填，须为有效的日历日期 YYYY-MM-DD（2000–2100 年）',
      ),
    },
  )
  decisionDate?: string;

  @ValidateIf((o: FollowUpDecisionDto) => o.kind === 'penalty')
  @TextField('处罚决定书文号', 100, '行政处罚（penalty）时必填，')
  decisionNo?: string;

  @IsOptional()
  @TextField('备注', 4000)
  note?: string;
}

export class PenaltyInfoDto {
  /** The penalty information as published (行政处罚信息). */
  @TextField('行政处罚信息', 4000)
  content: string;
}

export class RectificationDto {
  @BoolField('是否已整改')
  rectified: boolean;

  /** Not rectified in time: the enforcement body the case goes to. */
  @ValidateIf((o: RectificationDto) => o.rectified === false)
  @TextField('移送的执法机构', 200, '未整改（rectified: false）时必填，')
  handedOverTo?: string;

  @TextField('整改情况说明', 4000)
  note: string;
}

export class ListInspectionsQuery {
  @IsOptional()
  @IsCalendarDateTime()
  since?: string;
}

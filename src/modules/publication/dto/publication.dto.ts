import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { fieldMessage, TextField } from '../../../common/fields';
import { ITEM_RESULTS } from '../../inspection/entities';

/** A correction (更正) of a published entry: a new result and/or handling, and why. */
export class CorrectionDto {
  @ApiPropertyOptional({ enum: ITEM_RESULTS })
  @IsOptional()
  @IsIn(ITEM_RESULTS, {
    message: fieldMessage(
      '检查结果',
      'result',
      `须为 ${ITEM_RESULTS.join('、')} 之一（未发现问题、发现问题、通过登记的住所无法联系、不配合检查、其他）`,
    ),
  })
  result?: string;

  @ApiPropertyOptional({ description: '处理情况（责令整改等）' })
  @IsOptional()
  @TextField('处理情况', 4000, '', true)
  handling?: string;

  @ApiProperty({ description: '更正理由（必填，公示）' })
  @TextField('更正理由', 2000, '必填，公示，')
  reason: string;
}

/** A withdrawal (撤回) of a published entry, with its reason (published too). */
export class WithdrawalDto {
  @ApiProperty({ description: '撤回理由（必填，公示）' })
  @TextField('撤回理由', 2000, '必填，公示，')
  reason: string;
}

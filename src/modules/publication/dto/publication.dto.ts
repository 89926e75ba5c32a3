import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ITEM_RESULTS } from '../../inspection/entities';

/** A correction (更正) of a published entry: a new result and/or handling, and why. */
export class CorrectionDto {
  @ApiPropertyOptional({ enum: ITEM_RESULTS })
  @IsOptional()
  @IsIn(ITEM_RESULTS, {
    message: `result 须为 ${ITEM_RESULTS.join('、')} 之一（未发现问题、发现问题、通过登记的住所无法联系、不配合检查、其他）`,
  })
  result?: string;

  @ApiPropertyOptional({ description: '处理情况（责令整改等）' })
  @IsOptional()
  @IsString({ message: 'handling 须为文本' })
  @MaxLength(4000, { message: 'handling 最长 4000 字' })
  handling?: string;

  @ApiProperty({ description: '更正理由（必填，公示）' })
  @IsString({ message: 'reason 须为文本' })
  @IsNotEmpty({ message: 'reason 必填：更正须说明理由' })
  @MaxLength(2000, { message: 'reason 最长 2000 字' })
  reason: string;
}

/** A withdrawal (撤回) of a published entry, with its reason (published too). */
export class WithdrawalDto {
  @ApiProperty({ description: '撤回理由（必填，公示）' })
  @IsString({ message: 'reason 须为文本' })
  @IsNotEmpty({ message: 'reason 必填：撤回须说明理由' })
  @MaxLength(2000, { message: 'reason 最长 2000 字' })
  reason: string;
}

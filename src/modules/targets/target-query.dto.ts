import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RISK_CLASSES, TARGET_STATUSES, TARGET_TYPES } from '../registry-core';

export class TargetQueryDto {
  @ApiPropertyOptional({ description: 'identification code prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;

  @ApiPropertyOptional({ description: 'part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: '6-digit division code; 640500 includes its counties' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'region 应为6位行政区划代码' })
  region?: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES })
  @IsOptional()
  @IsIn(RISK_CLASSES, { message: 'riskClass 应为 A、B、C 或 D' })
  riskClass?: string;

  @ApiPropertyOptional({ description: 'supervising department code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;

  @ApiPropertyOptional({ description: 'industry tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ enum: TARGET_TYPES })
  @IsOptional()
  @IsIn(TARGET_TYPES, { message: `type 应为 ${TARGET_TYPES.join(', ')} 之一` })
  type?: string;

  @ApiPropertyOptional({ enum: TARGET_STATUSES })
  @IsOptional()
  @IsIn(TARGET_STATUSES, { message: `status 应为 ${TARGET_STATUSES.join(', ')} 之一` })
  status?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
